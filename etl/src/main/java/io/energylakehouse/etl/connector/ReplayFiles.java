package io.energylakehouse.etl.connector;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.Payload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Files a user (or the sample generator) supplies, as payloads of a connector's reports: the same for every market.
 * Each file's report is the one named on the command line, else the one its file name says
 * ({@link MarketConnector#reportOfFile}); the payload's request key is left to the parser, which names the window the
 * content covers.
 */
public final class ReplayFiles
{
    private ReplayFiles() {}

    /** Every regular file under the paths (folders are listed, sorted by name), skipping README and hidden files. */
    public static List<Path> list(List<Path> paths)
    {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(Files::isRegularFile)
                            .filter(file -> !file.getFileName().toString().startsWith("README") && !file.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                }
                catch (IOException e) {
                    throw LakehouseException.userError("Cannot list folder %s: %s", path, FileErrors.reason(e));
                }
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

    /**
     * The files as payloads, lazily (each is streamed when landed, never whole in memory). Every file's report is
     * known before the first is read: a file whose name says none, with no report given, is a user error naming it.
     */
    public static Iterator<Payload> payloads(MarketConnector connector, List<Path> files, Optional<MarketReport> report, Payload.Origin origin)
    {
        List<MarketReport> reports = new ArrayList<>(files.size());
        for (Path file : files) {
            reports.add(report.or(() -> connector.reportOfFile(file.getFileName().toString()))
                    .orElseThrow(() -> LakehouseException.userError("Cannot tell which %s report %s holds: its name names none of %s; give --report",
                            connector.market().code(), file, String.join(", ", connector.reports().stream().map(MarketReport::name).toList()))));
        }
        return new Iterator<>()
        {
            private int next;

            @Override
            public boolean hasNext()
            {
                return next < files.size();
            }

            @Override
            public Payload next()
            {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Path file = files.get(next);
                MarketReport fileReport = reports.get(next++);
                try {
                    return Payload.ofFile(fileReport.source(), fileReport.requestName(), origin, "", file);
                }
                catch (IOException e) {
                    throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
                }
            }
        };
    }
}
