package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.Payload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A series file a user supplies, as a payload: replayed with its modification time as the time it was received
 * (neither layout carries a publication stamp), under the dataset's request key, so that later files of the
 * same dataset are its revisions.
 */
public final class SeriesFiles
{
    private SeriesFiles() {}

    /** Fails with a user error before anything starts when the file cannot be read. */
    public static Path check(Path file)
    {
        if (Files.isDirectory(file)) {
            throw LakehouseException.userError("Cannot import %s: a folder; give one series file", file);
        }
        if (!Files.isRegularFile(file)) {
            throw LakehouseException.userError("Cannot read %s: no such file", file);
        }
        return file;
    }

    public static Payload payload(Path file, SeriesDataset dataset)
    {
        check(file);
        try {
            return Payload.ofFile(SeriesSource.SOURCE, dataset.format().report(), Payload.Origin.REPLAY, dataset.requestKey(), file);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
        }
    }
}
