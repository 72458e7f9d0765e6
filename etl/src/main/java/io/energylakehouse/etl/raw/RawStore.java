package io.energylakehouse.etl.raw;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Immutable payload bytes, content-addressed: a payload lives at {@code <root>/sha256/<aa>/<sha256>} and is
 * never rewritten. Storing streams the bytes once: they go to a temporary file under {@code <root>/incoming/}
 * while their sha256 and size are computed, and the file is then renamed to its content address (or dropped,
 * when those bytes are already there). Memory does not grow with the payload, and a reader never sees half a
 * file. Goes through Hadoop's FileSystem, so the same code stores to a local folder or to {@code s3a://} on the
 * stack profile.
 */
public final class RawStore
{
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path root;
    private final Configuration hadoopConfiguration;

    /**
     * Where a payload's bytes were kept.
     *
     * @param path the content address, as a URI string (what {@code raw.fetch_log.payload_path} holds)
     * @param size the number of bytes received, counted while storing them
     */
    public record Stored(String sha256, long size, String path)
    {
        public Stored
        {
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(path, "path is null");
        }
    }

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

    /** Stores the bytes in memory under their sha256; see {@link #store(PayloadContent)}. */
    public String store(byte[] bytes)
    {
        return store(PayloadContent.of(bytes)).path();
    }

    /** Streams the content into the store under its sha256 (one pass: hashed while written) and says where it is. */
    public Stored store(PayloadContent content)
    {
        Path temporary = new Path(root, "incoming/." + UUID.randomUUID() + ".tmp");
        FileSystem fileSystem;
        try {
            fileSystem = temporary.getFileSystem(hadoopConfiguration);
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot store raw payload " + content + " under " + root + ": " + FileErrors.reason(e), e);
        }
        boolean moved = false;
        try {
            MessageDigest digest = Hashing.digest();
            long size = 0;
            byte[] buffer = new byte[BUFFER_BYTES];
            try (InputStream input = openContent(content); FSDataOutputStream output = fileSystem.create(temporary, true)) {
                for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
                    digest.update(buffer, 0, read);
                    output.write(buffer, 0, read);
                    size += read;
                }
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = new Path(pathOf(sha256));
            if (fileSystem.exists(target) && fileSystem.getFileStatus(target).getLen() == size) {
                return new Stored(sha256, size, target.toString());
            }
            fileSystem.mkdirs(target.getParent());
            if (!fileSystem.rename(temporary, target)) {
                if (!fileSystem.exists(target)) {
                    throw new IOException("rename of " + temporary + " to " + target + " failed");
                }
            }
            else {
                moved = true;
            }
            return new Stored(sha256, size, target.toString());
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot store raw payload " + content + " under " + root + ": " + FileErrors.reason(e), e);
        }
        finally {
            if (!moved) {
                deleteQuietly(fileSystem, temporary);
            }
        }
    }

    /** The stored bytes of a payload, read from the store as a stream. */
    public PayloadContent content(Stored stored)
    {
        return reader().content(stored.path(), stored.size());
    }

    /** Reads stored payloads wherever it is sent (a Spark task parsing them): the store's Hadoop configuration, serialisable. */
    public Reader reader()
    {
        return new Reader(new org.apache.iceberg.hadoop.SerializableConfiguration(hadoopConfiguration));
    }

    /** Opens stored payloads by their content address; see {@link #reader()}. */
    public static final class Reader
            implements java.io.Serializable
    {
        private static final long serialVersionUID = 1L;

        private final org.apache.iceberg.hadoop.SerializableConfiguration configuration;

        private Reader(org.apache.iceberg.hadoop.SerializableConfiguration configuration)
        {
            this.configuration = configuration;
        }

        /** The bytes stored at {@code storedPath} (a {@link Stored#path()}), {@code size} long, as a stream. */
        public PayloadContent content(String storedPath, long size)
        {
            return RawStore.content(new Path(storedPath), size, configuration.get());
        }
    }

    private static PayloadContent content(Path path, long size, Configuration hadoopConfiguration)
    {
        return new PayloadContent()
        {
            @Override
            public InputStream open()
                    throws IOException
            {
                return path.getFileSystem(hadoopConfiguration).open(path, BUFFER_BYTES);
            }

            @Override
            public long size()
            {
                return size;
            }

            @Override
            public String toString()
            {
                return path.toString();
            }
        };
    }

    public URI root()
    {
        return root.toUri();
    }

    /** A payload whose source cannot be read is the user's or the operator's problem, not the store's. */
    private static InputStream openContent(PayloadContent content)
    {
        try {
            return content.open();
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", content, e.getMessage());
        }
    }

    private static void deleteQuietly(FileSystem fileSystem, Path path)
    {
        try {
            fileSystem.delete(path, false);
        }
        catch (IOException e) {
            // A leftover under incoming/ is harmless: nothing reads it, and the next store uses another name.
        }
    }
}
