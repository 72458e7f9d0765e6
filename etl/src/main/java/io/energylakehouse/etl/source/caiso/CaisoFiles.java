package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.raw.Payload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays OASIS files (downloads a user has, recorded responses, generated samples) as payloads. The
 * report comes from the OASIS file name ({@code ..._PRC_LMP_DAM_...}) unless the caller names it; the bytes
 * are streamed from the file when it is landed, never read whole.
 */
public final class CaisoFiles
{
    private static final Pattern DATES_IN_NAME = Pattern.compile("^(\\d{8})_(\\d{8})_");
    private static final Pattern REPORT_IN_NAME = Pattern.compile("_(PRC_INTVL_LMP|PRC_LMP)_", Pattern.CASE_INSENSITIVE);

    private CaisoFiles() {}

    /** Every regular file under the paths: {@link ReplayFiles#list}. */
    public static List<Path> list(List<Path> paths)
    {
        return ReplayFiles.list(paths);
    }

    /**
     * The files a day-by-day replay needs: those whose OASIS name ({@code yyyymmdd_yyyymmdd_QUERY_...}) covers a
     * date in {@code first..last} (both ends of the name read as inclusive, so a file is never missed), and,
     * when reports are named, whose name holds one of them. Files whose names carry no dates or no report are
     * kept: landing reads what they hold.
     */
    public static List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<OasisReport> reports)
    {
        if (last.isBefore(first)) {
            throw LakehouseException.userError("Cannot select files for %s..%s: the end is before the start", first, last);
        }
        List<Path> selected = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher dates = DATES_IN_NAME.matcher(name);
            if (dates.find()) {
                LocalDate start;
                LocalDate end;
                try {
                    start = LocalDate.parse(dates.group(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                    end = LocalDate.parse(dates.group(2), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                }
                catch (java.time.format.DateTimeParseException e) {
                    start = null;
                    end = null;
                }
                if (start != null && (end.isBefore(first) || start.isAfter(last))) {
                    continue;
                }
            }
            Optional<OasisReport> report = reportFromName(name);
            if (!reports.isEmpty() && report.isPresent() && !reports.contains(report.get())) {
                continue;
            }
            selected.add(file);
        }
        return selected;
    }

    public static Optional<OasisReport> reportFromName(String fileName)
    {
        Matcher matcher = REPORT_IN_NAME.matcher(fileName);
        return matcher.find() ? Optional.of(OasisReport.fromName(matcher.group(1))) : Optional.empty();
    }

    /** The files as payloads of a report, or of the report each file's name says: {@link ReplayFiles#payloads}. */
    public static Iterator<Payload> payloads(List<Path> files, Optional<OasisReport> report, Payload.Origin origin)
    {
        CaisoConnector connector = new CaisoConnector();
        return ReplayFiles.payloads(connector, files, report.map(oasis -> connector.report(oasis.queryName())), origin);
    }
}
