package io.energylakehouse.common.fs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's {@code file:} file system (checksummed, as by default), with the permission and link calls done through
 * {@code java.nio} instead of a forked {@code chmod} or {@code readlink}: without Hadoop's native library (which Spark's
 * distribution and ours do not ship) every file and folder Hadoop creates on a local disk forks a {@code chmod} process.
 * A demo run made 2,042 file and 433 folder forks (a JFR recording), several milliseconds each from a JVM of a few
 * GB. Same permissions, same statuses; where {@code java.nio} cannot say the same (a sticky bit, a non-POSIX disk),
 * Hadoop's own code runs. Configured as {@code fs.file.impl} by {@link io.energylakehouse.common.spark.LakehouseSpark}.
 */
public final class LocalFileSystemWithoutForks
        extends LocalFileSystem
{
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    public LocalFileSystemWithoutForks()
    {
        super(new Raw());
    }

    /** The raw (unchecksummed) local file system underneath, with the same overrides. */
    public static final class Raw
            extends RawLocalFileSystem
    {
        @Override
        public void setPermission(Path path, FsPermission permission)
                throws IOException
        {
            if (!POSIX || permission.getStickyBit()) {
                super.setPermission(path, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission.toShort()));
        }

        @Override
        public FileStatus getFileLinkStatus(Path path)
                throws IOException
        {
            // Hadoop reads every path's link target with a forked readlink; only a symbolic link needs that answer.
            if (POSIX && !Files.isSymbolicLink(pathToFile(path).toPath())) {
                return getFileStatus(path);
            }
            return super.getFileLinkStatus(path);
        }
    }

    /** The nine permission bits of a POSIX mode ({@code 0644}) as java.nio permissions. */
    static Set<PosixFilePermission> posix(short mode)
    {
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }
}
