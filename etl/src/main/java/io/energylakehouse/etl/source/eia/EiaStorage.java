package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The curation step of the weekly storage report: one payload's values to rows of {@code curated.fundamentals}, in its
 * column order with {@code revision} null. Market {@code EIA}, series {@code storage_bcf}, location the EIA duoarea
 * ({@link #LOCATIONS}), unit {@code Bcf}, {@code issued_at_utc} null (a measurement, not a forecast).
 *
 * <p>Time: the value is the working gas in storage at the end of the week ending Friday F (the period). The row's
 * interval is that report week, Saturday F - 6 00:00 to Saturday F + 1 00:00 Eastern ({@code interval_minutes} its real
 * length: 10,080, or 60 less or more in a week with a clock change), {@code operating_date} F and {@code hour_ending} 24:
 * the stock is as of the end of the Friday's last hour. Gas days (10:00 to 10:00 Eastern) are not modelled.
 *
 * <p>Publication: {@code published_at_utc} is the release, the Thursday after the week ending (F + 6) at 10:30
 * America/New_York (UNVERIFIED: EIA's usual schedule; holiday weeks move the release, e.g. to Wednesday 12:00, which is
 * not modelled), never the fetch time. A later payload with a changed value of the week (EIA revises the prior week) is
 * revision 2 by the shared revision rule, dated no earlier than its payload's release ({@link EiaParser}).
 *
 * <p>Refused with a reason: a period that is not a Friday, an unknown duoarea, units other than BCF, a missing value.
 */
public final class EiaStorage
{
    private static final Logger log = LoggerFactory.getLogger(EiaStorage.class);

    public static final String SERIES = "storage_bcf";
    public static final String UNIT = "Bcf";
    public static final String UNITS = "BCF";
    static final String SERIES_PREFIX = "NW2_EPG0_SWO_";
    static final String SERIES_SUFFIX = "_BCF";
    /** The hour the stock is as of: the end of the week-ending Friday. */
    public static final int HOUR_ENDING = 24;
    public static final LocalTime RELEASE_TIME = LocalTime.of(10, 30);

    /**
     * The locations, by EIA duoarea: R48 (Lower 48, verified in public code) and the five regions of the report since
     * November 2015 (codes UNVERIFIED, see {@link EiaReport}).
     */
    public static final Map<String, String> LOCATIONS = locations();

    private EiaStorage() {}

    private static Map<String, String> locations()
    {
        Map<String, String> locations = new LinkedHashMap<>();
        locations.put("R48", "Lower 48 States");
        locations.put("R31", "East Region");
        locations.put("R32", "Midwest Region");
        locations.put("R33", "Mountain Region");
        locations.put("R34", "Pacific Region");
        locations.put("R35", "South Central Region");
        return java.util.Collections.unmodifiableMap(locations);
    }

    /** The series id of working gas in storage of a duoarea: {@code NW2_EPG0_SWO_R48_BCF}. */
    public static String seriesId(String duoarea)
    {
        return SERIES_PREFIX + duoarea + SERIES_SUFFIX;
    }

    /** The duoarea of a record: its own field, else the one its series id names. */
    public static String duoarea(EiaValueRecord record)
    {
        if (record.duoarea() != null && !record.duoarea().isBlank()) {
            return record.duoarea().strip().toUpperCase(Locale.ROOT);
        }
        String series = record.seriesId();
        if (series.startsWith(SERIES_PREFIX) && series.endsWith(SERIES_SUFFIX) && series.length() > SERIES_PREFIX.length() + SERIES_SUFFIX.length()) {
            return series.substring(SERIES_PREFIX.length(), series.length() - SERIES_SUFFIX.length());
        }
        return series;
    }

    /** When EIA releases the week ending on {@code weekEnding}: the Thursday after, 10:30 Eastern (unverified; holidays not modelled). */
    public static Instant releaseAt(LocalDate weekEnding)
    {
        return weekEnding.plusDays(6).atTime(RELEASE_TIME).atZone(Eia.ZONE).toInstant();
    }

    /** The last scheduled release (Thursday 10:30 Eastern) at or before {@code instant}: the data EIA served then. */
    public static Instant lastReleaseAtOrBefore(Instant instant)
    {
        ZonedDateTime local = instant.atZone(Eia.ZONE);
        LocalDate thursday = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.THURSDAY));
        Instant release = thursday.atTime(RELEASE_TIME).atZone(Eia.ZONE).toInstant();
        return release.isAfter(instant) ? thursday.minusDays(7).atTime(RELEASE_TIME).atZone(Eia.ZONE).toInstant() : release;
    }

    /** The start of the report week ending on Friday {@code weekEnding}: the Saturday before, 00:00 Eastern. */
    public static Instant weekStart(LocalDate weekEnding)
    {
        return Eia.TIME.dayStart(weekEnding.minusDays(6));
    }

    /** The end of the report week: the Saturday after {@code weekEnding}, 00:00 Eastern (exclusive). */
    public static Instant weekEnd(LocalDate weekEnding)
    {
        return Eia.TIME.dayEnd(weekEnding);
    }

    public static CanonicalRecords canonicalRecords(List<EiaValueRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<Row> rows = new ArrayList<>(records.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (EiaValueRecord record : records) {
            String location = duoarea(record);
            String problem = problem(record, location);
            if (problem != null) {
                rejected.add(new CanonicalPrices.Rejected(location, Eia.TIME.dayStart(record.period()), problem, record.json()));
                continue;
            }
            LocalDate weekEnding = record.period();
            Instant start = weekStart(weekEnding);
            Instant end = weekEnd(weekEnding);
            List<String> flags = record.repeatCount() > 1 ? List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED) : List.of();
            rows.add(RowFactory.create(Eia.MARKET, SERIES, location, start, end, (int) Duration.between(start, end).toMinutes(), weekEnding, HOUR_ENDING,
                    record.value(), UNIT, null, releaseAt(weekEnding), null, fetchId, flags));
        }
        log.info("Curated EIA storage of fetch {} into {}: {} rows, {} refused", fetchId, CanonicalTables.FUNDAMENTALS.identifier(), rows.size(),
                rejected.size());
        return new CanonicalRecords(CanonicalTables.FUNDAMENTALS, rows, rejected);
    }

    private static String problem(EiaValueRecord record, String location)
    {
        String what = String.format("EIA storage %s week ending %s (%s)", record.seriesId(), record.period(), record.where());
        if (record.period().getDayOfWeek() != DayOfWeek.FRIDAY) {
            return String.format("Cannot curate %s: the period is a %s, a storage week ends on a Friday", what,
                    record.period().getDayOfWeek().toString().toLowerCase(Locale.ROOT));
        }
        if (!LOCATIONS.containsKey(location)) {
            return String.format("Cannot curate %s: duoarea %s is not a storage location we know (%s)", what, location, String.join(", ", LOCATIONS.keySet()));
        }
        if (record.value() == null) {
            return String.format("Cannot curate %s: EIA has no value for the week (%s); the gap is kept in the raw table", what, record.valueStatus());
        }
        if (record.units() != null && !record.units().strip().toUpperCase(Locale.ROOT).equals(UNITS)) {
            return String.format("Cannot curate %s: units '%s' are not %s", what, record.units(), UNITS);
        }
        return null;
    }
}
