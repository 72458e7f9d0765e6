package io.energylakehouse.common.fs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class TestLocalFileSystemWithoutForks
{
    @TempDir
    java.nio.file.Path folder;

    @Test
    void filesAndFoldersGetThePermissionsHadoopAsksFor()
            throws IOException
    {
        FileSystem fileSystem = fileSystem();
        assertThat(fileSystem).isInstanceOf(LocalFileSystemWithoutForks.class);
        Path nested = new Path(folder.toUri().toString(), "a/b");
        assertThat(fileSystem.mkdirs(nested, new FsPermission((short) 0750))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("a/b")))).isEqualTo("rwxr-x---");

        Path file = new Path(nested, "data.txt");
        try (FSDataOutputStream output = fileSystem.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
            output.writeBytes("x");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("a/b/data.txt")))).isEqualTo("rw-r-----");
        fileSystem.setPermission(file, new FsPermission((short) 0604));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("a/b/data.txt")))).isEqualTo("rw----r--");
        assertThat(fileSystem.getFileStatus(file).getPermission().toShort()).isEqualTo((short) 0604);
    }

    @Test
    void linkStatusesAreHadoopsOwn()
            throws IOException
    {
        java.nio.file.Path target = Files.writeString(folder.resolve("target.txt"), "data");
        java.nio.file.Path link = Files.createSymbolicLink(folder.resolve("link.txt"), target);
        org.apache.hadoop.fs.RawLocalFileSystem hadoops = new org.apache.hadoop.fs.RawLocalFileSystem();
        hadoops.initialize(java.net.URI.create("file:///"), new Configuration(false));
        FileSystem ours = fileSystem();
        for (java.nio.file.Path path : java.util.List.of(target, link)) {
            FileStatus expected = hadoops.getFileLinkStatus(new Path(path.toUri().toString()));
            FileStatus actual = ours.getFileLinkStatus(new Path(path.toUri().toString()));
            assertThat(actual.isSymlink()).as(path.toString()).isEqualTo(expected.isSymlink());
            assertThat(actual.isFile()).as(path.toString()).isEqualTo(expected.isFile());
            assertThat(actual.getLen()).as(path.toString()).isEqualTo(expected.getLen());
            assertThat(actual.getPath()).as(path.toString()).isEqualTo(expected.getPath());
        }
    }

    private static FileSystem fileSystem()
            throws IOException
    {
        Configuration configuration = new Configuration(false);
        configuration.set("fs.file.impl", LocalFileSystemWithoutForks.class.getName());
        configuration.setBoolean("fs.file.impl.disable.cache", true);
        return FileSystem.get(java.net.URI.create("file:///"), configuration);
    }
}
