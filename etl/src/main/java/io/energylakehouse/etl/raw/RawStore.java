package io.energylakehouse.etl.raw;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * Immutable payload bytes, content-addressed: a payload lives at {@code <root>/sha256/<aa>/<sha256>} and is
 * never rewritten. Storing bytes that are already there is a no-op. Goes through Hadoop's FileSystem, so
 * the same code stores to a local folder or to {@code s3a://} on the stack profile.
 */
public final class RawStore
{
    private final Path root;
    private final Configuration hadoopConfiguration;

    public RawStore(String root, Configuration hadoopConfiguration)
    {
        requireNonNull(root, "root is null");
        this.root = new Path(root.contains(":/") ? root : new java.io.File(root).toURI().toString());
        this.hadoopConfiguration = requireNonNull(hadoopConfiguration, "hadoopConfiguration is null");
    }

    public String pathOf(String sha256)
    {
        return new Path(root, "sha256/" + sha256.substring(0, 2) + "/" + sha256).toString();
    }

    /** Stores the bytes under their sha256 and returns where; the write goes to a temporary name first, so a reader never sees half a file. */
    public String store(byte[] bytes)
    {
        String sha256 = Hashing.sha256(bytes);
        Path target = new Path(pathOf(sha256));
        try {
            FileSystem fileSystem = target.getFileSystem(hadoopConfiguration);
            if (fileSystem.exists(target) && fileSystem.getFileStatus(target).getLen() == bytes.length) {
                return target.toString();
            }
            Path temporary = new Path(target.getParent(), "." + sha256 + "." + java.util.UUID.randomUUID() + ".tmp");
            try (FSDataOutputStream output = fileSystem.create(temporary, true)) {
                output.write(bytes);
            }
            if (!fileSystem.rename(temporary, target)) {
                fileSystem.delete(temporary, false);
                if (!fileSystem.exists(target)) {
                    throw new IOException("rename of " + temporary + " failed");
                }
            }
            return target.toString();
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot store raw payload " + sha256 + " under " + root + ": " + FileErrors.reason(e), e);
        }
    }

    public byte[] read(String sha256)
    {
        Path path = new Path(pathOf(sha256));
        try (FSDataInputStream input = path.getFileSystem(hadoopConfiguration).open(path)) {
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot read raw payload " + sha256 + " from " + root + ": " + FileErrors.reason(e), e);
        }
    }

    public URI root()
    {
        return root.toUri();
    }
}
