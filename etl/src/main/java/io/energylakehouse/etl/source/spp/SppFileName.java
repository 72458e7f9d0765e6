package io.energylakehouse.etl.source.spp;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The names and file-browser paths of SPP Marketplace LMP files.
 *
 * <ul>
 * <li>Day-ahead: {@code DA-LMP-SL-{yyyyMMdd}0100.csv}, {@code DA-LMP-B-{yyyyMMdd}0100.csv}, named by the end of the
 * day's first hour, in {@code /{yyyy}/{MM}/By_Day/}.</li>
 * <li>Real-time interval: {@code RTBM-LMP-SL-{yyyyMMddHHmm}.csv}, named by the interval's end in Central prevailing
 * time, in the folder of the interval's start: {@code /{yyyy}/{MM}/By_Interval/{dd}/}. An interval ending in the
 * repeated hour of the fall-back day, the second time (standard time), carries a {@code d}: {@code 202511020105d}. The
 * suffix is decided from UTC offsets, never from the wall clock: an end whose offset is behind the offset one hour
 * earlier.</li>
 * <li>Real-time daily: {@code RTBM-LMP-DAILY-SL-{yyyyMMdd}.csv}, in {@code /{yyyy}/{MM}/By_Day/}.</li>
 * </ul>
 *
 * @param day the operating day of a daily or day-ahead file, the local date of an interval file's end
 * @param intervalEndUtc an interval file's interval end, empty for other files
 */
public record SppFileName(SppReport report, LocalDate day, Optional<Instant> intervalEndUtc)
{
    private static final Pattern NAME = Pattern.compile("(?i)(DA-LMP-SL|DA-LMP-B|RTBM-LMP-DAILY-SL|RTBM-LMP-SL)-(\\d{8})(\\d{4})?(d)?\\.csv");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter FOLDER_MONTH = DateTimeFormatter.ofPattern("uuuu/MM");
    private static final ZoneRules RULES = SppMarket.TIME.zone().getRules();

    public SppFileName
    {
        requireNonNull(report, "report is null");
        requireNonNull(day, "day is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
    }

    /** The name of a day-ahead or daily real-time file of an operating day. */
    public static String dayFile(SppReport report, LocalDate day)
    {
        return switch (report) {
            case DA_LMP_SL, DA_LMP_B -> report.filePrefix() + "-" + DAY.format(day) + "0100.csv";
            case RTBM_LMP_DAILY -> report.filePrefix() + "-" + DAY.format(day) + ".csv";
            case RTBM_LMP_SL -> throw new IllegalArgumentException("Cannot name an SPP " + report.filePrefix() + " file by day: it is named by its interval end");
        };
    }

    /** The name of the real-time interval file of the interval ending at {@code intervalEndUtc}. */
    public static String intervalFile(Instant intervalEndUtc)
    {
        LocalDateTime local = LocalDateTime.ofInstant(intervalEndUtc, SppMarket.TIME.zone());
        return SppReport.RTBM_LMP_SL.filePrefix() + "-" + MINUTE.format(local) + (isRepeated(intervalEndUtc) ? "d" : "") + ".csv";
    }

    /** Whether an interval end falls in the second pass of the fall-back day's repeated hour: its offset is behind the offset one hour earlier. */
    public static boolean isRepeated(Instant intervalEndUtc)
    {
        ZoneOffset offset = RULES.getOffset(intervalEndUtc);
        ZoneOffset hourEarlier = RULES.getOffset(intervalEndUtc.minus(Duration.ofHours(1)));
        return offset.getTotalSeconds() < hourEarlier.getTotalSeconds();
    }

    /** The file-browser path of a day-ahead or daily real-time file: {@code /2024/07/By_Day/DA-LMP-SL-202407010100.csv}. */
    public static String dayPath(SppReport report, LocalDate day)
    {
        return "/" + FOLDER_MONTH.format(day) + "/By_Day/" + dayFile(report, day);
    }

    /** The file-browser path of an interval file: in the folder of the interval's start, {@code /2024/06/By_Interval/30/RTBM-LMP-SL-202407010000.csv}. */
    public static String intervalPath(Instant intervalEndUtc)
    {
        LocalDate startDay = LocalDateTime.ofInstant(intervalEndUtc.minus(SppReport.RTBM_LMP_SL.intervalLength()), SppMarket.TIME.zone()).toLocalDate();
        return "/" + FOLDER_MONTH.format(startDay) + "/By_Interval/" + String.format("%02d", startDay.getDayOfMonth()) + "/" + intervalFile(intervalEndUtc);
    }

    /** What a file's name says, when it is the name of one of our reports' files (a path before it is ignored). */
    public static Optional<SppFileName> parse(String fileName)
    {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        SppReport report = SppReport.fromName(matcher.group(1));
        LocalDate day;
        try {
            day = LocalDate.parse(matcher.group(2), DAY);
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String time = matcher.group(3);
        boolean repeated = matcher.group(4) != null;
        switch (report) {
            case RTBM_LMP_DAILY:
                return time == null && !repeated ? Optional.of(new SppFileName(report, day, Optional.empty())) : Optional.empty();
            case DA_LMP_SL:
            case DA_LMP_B:
                return "0100".equals(time) && !repeated ? Optional.of(new SppFileName(report, day, Optional.empty())) : Optional.empty();
            default:
                if (time == null) {
                    return Optional.empty();
                }
                LocalDateTime local;
                try {
                    local = LocalDateTime.parse(matcher.group(2) + time, MINUTE);
                }
                catch (DateTimeParseException e) {
                    return Optional.empty();
                }
                List<ZoneOffset> offsets = RULES.getValidOffsets(local);
                if (offsets.isEmpty() || (repeated && offsets.size() == 1)) {
                    // a time the clock skips, or a d on a time that is not repeated
                    return Optional.empty();
                }
                Instant end = local.toInstant(repeated ? offsets.get(1) : offsets.get(0));
                return Optional.of(new SppFileName(report, day, Optional.of(end)));
        }
    }
}
