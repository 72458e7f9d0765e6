package io.energylakehouse.etl.source.ieso;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The names of IESO public report files: {@code PUB_{directory}_{yyyyMMdd}.{ext}} for a day file,
 * {@code PUB_{directory}_{yyyyMMdd}{HH}.{ext}} for an hour file ({@code HH} the hour ending, 01..24, EST), optionally
 * with a version {@code _v1}, {@code _v2}, ... before the extension, and {@code PUB_{directory}.{ext}} (undated) for the
 * latest file. The versions of one day or hour are revisions of one request: {@link #requestKey()} leaves the version
 * out; a later version is a later revision (its {@code CreatedAt} is later).
 *
 * @param day the delivery day; empty for the undated latest file
 * @param hourEnding the delivery hour (1..24) of an hour file; empty for a day file
 * @param version the {@code _vN} of a versioned copy; empty for the unversioned name
 */
public record IesoFileName(IesoReport report, Optional<LocalDate> day, OptionalInt hourEnding, OptionalInt version)
{
    private static final Pattern NAME = Pattern.compile("(?i)PUB_([A-Za-z0-9]+?)(?:_(\\d{8})(\\d{2})?)?(?:_v(\\d{1,4}))?\\.(csv|xml)");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

    public IesoFileName
    {
        requireNonNull(report, "report is null");
        requireNonNull(day, "day is null");
        requireNonNull(hourEnding, "hourEnding is null");
        requireNonNull(version, "version is null");
    }

    /** The unversioned name of a day file ({@code PUB_DAHourlyEnergyLMP_20250502.csv}). */
    public static String dayFile(IesoReport report, LocalDate day)
    {
        if (report.span() != IesoReport.Span.DAY) {
            throw new IllegalArgumentException("Cannot name an IESO " + report.directory() + " file by day: it has one file per delivery hour");
        }
        return "PUB_" + report.directory() + "_" + DAY.format(day) + "." + report.layout().extension();
    }

    /** The unversioned name of an hour file ({@code PUB_RealtimeEnergyLMP_2025050210.csv} for hour ending 10). */
    public static String hourFile(IesoReport report, LocalDate day, int hourEnding)
    {
        if (report.span() != IesoReport.Span.HOUR) {
            throw new IllegalArgumentException("Cannot name an IESO " + report.directory() + " file by hour: it has one file per delivery day");
        }
        if (hourEnding < 1 || hourEnding > 24) {
            throw new IllegalArgumentException("Cannot name an IESO " + report.directory() + " file of hour ending " + hourEnding + ": hours end 1..24");
        }
        return "PUB_" + report.directory() + "_" + DAY.format(day) + String.format(Locale.ROOT, "%02d", hourEnding) + "." + report.layout().extension();
    }

    /** The name with a version: {@code PUB_DAHourlyEnergyLMP_20250502_v2.csv}. */
    public static String versioned(String unversionedName, int version)
    {
        int dot = unversionedName.lastIndexOf('.');
        return unversionedName.substring(0, dot) + "_v" + version + unversionedName.substring(dot);
    }

    /** What a file's name says, when it names a file of one of our reports (a path before it is ignored). */
    public static Optional<IesoFileName> parse(String fileName)
    {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        IesoReport report = null;
        for (IesoReport candidate : IesoReport.values()) {
            if (candidate.directory().equalsIgnoreCase(matcher.group(1)) && candidate.accepts(matcher.group(5))) {
                report = candidate;
            }
        }
        if (report == null) {
            return Optional.empty();
        }
        Optional<LocalDate> day = Optional.empty();
        if (matcher.group(2) != null) {
            try {
                day = Optional.of(LocalDate.parse(matcher.group(2), DAY));
            }
            catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        OptionalInt hour = OptionalInt.empty();
        if (matcher.group(3) != null) {
            hour = OptionalInt.of(Integer.parseInt(matcher.group(3)));
        }
        // an hour file must carry its hour (an undated latest file excepted), a day file must not
        if (day.isPresent() && (report.span() == IesoReport.Span.HOUR) != hour.isPresent()) {
            return Optional.empty();
        }
        if (hour.isPresent() && (hour.getAsInt() < 1 || hour.getAsInt() > 24)) {
            return Optional.empty();
        }
        OptionalInt version = matcher.group(4) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(matcher.group(4)));
        return Optional.of(new IesoFileName(report, day, hour, version));
    }

    /** Whether this is the undated name of the latest file ({@code PUB_DAHourlyEnergyLMP.csv}). */
    public boolean isLatest()
    {
        return day.isEmpty();
    }

    /**
     * The request its content answers, the same for every version: {@code DAHourlyEnergyLMP|2025-05-02} or
     * {@code RealtimeEnergyLMP|2025-05-02|10}; empty for the undated latest file (its day is in its content).
     */
    public Optional<String> requestKey()
    {
        return day.map(value -> requestKey(report, value, hourEnding));
    }

    /** The request key of a report's delivery day or hour. */
    public static String requestKey(IesoReport report, LocalDate day, OptionalInt hourEnding)
    {
        return report.directory() + "|" + day + (hourEnding.isPresent() ? "|" + String.format(Locale.ROOT, "%02d", hourEnding.getAsInt()) : "");
    }
}
