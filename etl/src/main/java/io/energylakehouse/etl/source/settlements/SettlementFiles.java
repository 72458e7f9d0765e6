package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.Payload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Settlement files a user supplies, as payloads: each file is replayed with its modification time as the
 * time it was received (the layout carries no publication stamp). Bytes are streamed from the file when it is landed, never read whole.
 */
public final class SettlementFiles
{
    private SettlementFiles() {}

    /** The files named, and the {@code .csv} files of the folders named (not their subfolders), sorted by name. */
    public static List<Path> list(List<Path> paths)
    {
        if (paths.isEmpty()) {
            throw LakehouseException.userError("Cannot list settlement files: no file or folder given");
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> listed;
                try (Stream<Path> listing = Files.list(path)) {
                    listed = listing.filter(Files::isRegularFile)
                            .filter(file -> !file.getFileName().toString().startsWith("."))
                            .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                            .sorted()
                            .toList();
                }
                catch (IOException e) {
                    throw LakehouseException.userError("Cannot list folder %s: %s", path, FileErrors.reason(e));
                }
                if (listed.isEmpty()) {
                    throw LakehouseException.userError("Cannot list settlement files in %s: the folder holds no .csv file", path);
                }
                files.addAll(listed);
            }
            else if (Files.isRegularFile(path)) {
                files.add(path);
            }
            else {
                throw LakehouseException.userError("Cannot read %s: no such file or folder", path);
            }
        }
        return files;
    }

    public static Iterator<Payload> payloads(List<Path> files)
    {
        return files.stream().map(SettlementFiles::payload).iterator();
    }

    private static Payload payload(Path file)
    {
        try {
            return Payload.ofFile(SettlementSource.SOURCE, SettlementSource.REPORT, Payload.Origin.REPLAY, "", file);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
        }
    }
}
