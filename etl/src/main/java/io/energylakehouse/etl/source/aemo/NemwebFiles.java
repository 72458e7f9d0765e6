package io.energylakehouse.etl.source.aemo;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where NEMweb keeps AEMO's files, and the names they have.
 *
 * <ul>
 * <li>The MMS Data Model monthly archive: {@code Data_Archive/Wholesale_Electricity/MMSDM/{yyyy}/MMSDM_{yyyy}_{MM}/
 * MMSDM_Historical_Data_SQLLoader/DATA/{file}.zip}, where {@code file} is {@code PUBLIC_DVD_{TABLE}_{yyyyMM}010000} up to
 * 2024-07 and {@code PUBLIC_ARCHIVE#{TABLE}#FILE{nn}#{yyyyMM}010000} from 2024-08, {@code nn} a chunk from 01 (a month may
 * have several). NEMweb stores those names with a literal {@code %23}, so the {@code #} is sent as {@code %2523}: a single
 * {@code %23} decodes to {@code #} and is refused with HTTP 400 (NEMOSIS issue 74).</li>
 * <li>The current reports: directory listings {@code Reports/Current/DispatchIS_Reports/},
 * {@code Reports/Current/TradingIS_Reports/}, {@code Reports/Current/Daily_Reports/}, whose links name files
 * {@code PUBLIC_DISPATCHIS_{yyyyMMddHHmm}_{sequence}.zip} (the interval's SETTLEMENTDATE, NEM time),
 * {@code PUBLIC_TRADINGIS_...} and {@code PUBLIC_DAILY_{yyyyMMddHHmm}_{sequence}.zip}.</li>
 * </ul>
 */
public final class NemwebFiles
{
    private NemwebFiles() {}

    /** The month of the first archive named {@code PUBLIC_ARCHIVE#...#FILEnn#...}. */
    public static final YearMonth FIRST_CHUNKED_MONTH = YearMonth.of(2024, 8);
    /** {@code #} as NEMweb needs it in a URL: the percent of its stored {@code %23}, encoded again. */
    public static final String HASH_IN_URL = "%2523";

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuuMM", Locale.ROOT);
    private static final DateTimeFormatter INTERVAL = DateTimeFormatter.ofPattern("uuuuMMddHHmm", Locale.ROOT);

    /** The name of a monthly archive file (without {@code .zip}), with a literal {@code #}; {@code chunk} is ignored before 2024-08. */
    public static String archiveFileName(String table, YearMonth month, int chunk)
    {
        String yyyymm = month.format(MONTH);
        if (month.isBefore(FIRST_CHUNKED_MONTH)) {
            return "PUBLIC_DVD_" + table + "_" + yyyymm + "010000";
        }
        if (chunk < 1 || chunk > 99) {
            throw new IllegalArgumentException("Cannot name MMSDM archive chunk " + chunk + " of " + table + " " + month + ": chunks are 01..99");
        }
        return String.format(Locale.ROOT, "PUBLIC_ARCHIVE#%s#FILE%02d#%s010000", table, chunk, yyyymm);
    }

    /** The URL of a monthly archive file, with each {@code #} as {@code %2523}. */
    public static URI archiveUri(String baseUrl, String table, YearMonth month, int chunk)
    {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        String file = archiveFileName(table, month, chunk).replace("#", HASH_IN_URL);
        return URI.create(String.format(Locale.ROOT, "%sData_Archive/Wholesale_Electricity/MMSDM/%d/MMSDM_%d_%02d/MMSDM_Historical_Data_SQLLoader/DATA/%s.zip",
                base, month.getYear(), month.getYear(), month.getMonthValue(), file));
    }

    /** Whether a month's archive comes in chunks (from 2024-08). */
    public static boolean isChunked(YearMonth month)
    {
        return !month.isBefore(FIRST_CHUNKED_MONTH);
    }

    /** A current-reports folder: the listing's URL. */
    public static URI currentFolderUri(String baseUrl, String folder)
    {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        return URI.create(base + "Reports/Current/" + folder + "/");
    }

    /** The current-reports folder and file prefix of a report. */
    public static Optional<CurrentFolder> currentFolder(AemoReport report)
    {
        return switch (report) {
            case DISPATCH_PRICE -> Optional.of(new CurrentFolder("DispatchIS_Reports", "PUBLIC_DISPATCHIS_"));
            case TRADING_PRICE -> Optional.of(new CurrentFolder("TradingIS_Reports", "PUBLIC_TRADINGIS_"));
            case DAILY -> Optional.of(new CurrentFolder("Daily_Reports", "PUBLIC_DAILY_"));
            case PRICE_THRESHOLDS -> Optional.empty();
        };
    }

    public record CurrentFolder(String folder, String prefix) {}

    /** A file a listing links to: its name and the NEM date-time its name carries. */
    public record ListedFile(String fileName, LocalDateTime nemTime) {}

    /**
     * The files of a report a directory listing (NEMweb's HTML, one {@code <a href=...>} per file) links to, each once, in
     * listing order; links to other files, and names whose date is not a date, are skipped.
     */
    public static List<ListedFile> listedFiles(String listingHtml, String prefix)
    {
        Pattern link = Pattern.compile("(?i)href=\"([^\"]*/)?(" + Pattern.quote(prefix) + "(\\d{12})_\\d+\\.zip)\"");
        Matcher matcher = link.matcher(listingHtml);
        Set<String> seen = new LinkedHashSet<>();
        List<ListedFile> files = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(2);
            if (!seen.add(name.toUpperCase(Locale.ROOT))) {
                continue;
            }
            try {
                files.add(new ListedFile(name, LocalDateTime.parse(matcher.group(3), INTERVAL)));
            }
            catch (DateTimeParseException e) {
                // not a file of an interval
            }
        }
        return files;
    }

    /**
     * The NEM days a file holds, by its name, where the name says: a monthly archive ({@code PUBLIC_DVD_*_yyyyMM010000},
     * {@code PUBLIC_ARCHIVE#*#FILEnn#yyyyMM010000}) its month's days, a five-minute report ({@code PUBLIC_DISPATCHIS_yyyyMMddHHmm_*},
     * {@code PUBLIC_TRADINGIS_*}) the day of its interval, a synthetic sample ({@code SYNTHETIC_PUBLIC_*_yyyyMMdd}) its day.
     * Empty for other names (the PUBLIC_DAILY report's name date is not known to be its trading day), which replays keep.
     */
    public static Optional<LocalDate[]> daysOfFileName(String fileName)
    {
        String name = fileName.toUpperCase(Locale.ROOT);
        Matcher interval = Pattern.compile("PUBLIC_(?:DISPATCHIS|TRADINGIS)_(\\d{12})_").matcher(name);
        if (interval.find()) {
            LocalDate day = LocalDateTime.parse(interval.group(1), INTERVAL).minusMinutes(1).toLocalDate();
            return Optional.of(new LocalDate[] {day, day});
        }
        Matcher synthetic = Pattern.compile("^SYNTHETIC_PUBLIC_[A-Z_]+_(\\d{8})\\.").matcher(name);
        if (synthetic.find()) {
            LocalDate day = LocalDate.parse(synthetic.group(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            return Optional.of(new LocalDate[] {day, day});
        }
        Matcher month = Pattern.compile("^PUBLIC_(?:DVD_|ARCHIVE(?:#|%23|%2523)).*?(\\d{6})010000\\.ZIP$").matcher(name);
        if (month.find()) {
            try {
                YearMonth yearMonth = YearMonth.parse(month.group(1), MONTH);
                return Optional.of(new LocalDate[] {yearMonth.atDay(1), yearMonth.atEndOfMonth()});
            }
            catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether a listed interval file belongs to the NEM days {@code first..last}: its interval (ending at its name's time) starts within them. */
    public static boolean coversDays(ListedFile file, LocalDate first, LocalDate last)
    {
        LocalDate day = file.nemTime().minusMinutes(1).toLocalDate();
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
