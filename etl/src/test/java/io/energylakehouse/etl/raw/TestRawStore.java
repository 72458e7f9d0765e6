package io.energylakehouse.etl.raw;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw store on a local folder: one streamed pass stores, hashes and counts; the same bytes twice are one file. */
class TestRawStore
{
    @TempDir
    Path root;

    @Test
    void storesAFileStreamedUnderItsHashAndReadsItBack()
            throws IOException
    {
        byte[] bytes = new byte[3 << 20];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(root.resolve("payload.zip"), bytes);
        RawStore store = new RawStore(root.resolve("raw").toString(), new Configuration());

        RawStore.Stored stored = store.store(PayloadContent.of(file));
        RawStore.Stored again = store.store(PayloadContent.of(bytes));

        assertThat(stored.sha256()).isEqualTo(Hashing.sha256(bytes));
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.path()).isEqualTo(store.pathOf(stored.sha256()));
        assertThat(Files.readAllBytes(Path.of(URI.create(stored.path())))).isEqualTo(bytes);
        assertThat(again).isEqualTo(stored);
        try (InputStream input = store.content(stored).open()) {
            assertThat(input.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store.content(stored).size()).isEqualTo(bytes.length);
        assertThat(Hashing.sha256(store.content(stored))).isEqualTo(stored.sha256());
        // The temporary copies are gone; only the content address (and Hadoop's checksum beside it) remains.
        try (var incoming = Files.list(root.resolve("raw/incoming"))) {
            assertThat(incoming.filter(path -> !path.getFileName().toString().endsWith(".crc"))).isEmpty();
        }
    }
}
