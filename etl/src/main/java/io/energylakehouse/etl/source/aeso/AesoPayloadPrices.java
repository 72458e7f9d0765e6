package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one AESO payload in plain Java: market AESO, currency CAD, location {@code ALBERTA} of type
 * {@code system}, no price components; operating date and hour ending in Mountain prevailing time (1..23 on the
 * spring-forward day, 1..25 on the fall-back day).
 *
 * <p>Pool price ({@code rt_hourly}, 60 minutes): one row per hour with a price. An hour whose pool price is blank (not
 * settled yet: AESO shows only its forecast) makes no row, neither a price of 0 nor a rejection. Rows repeating one hour
 * collapse into one flagged {@code duplicate_rows_collapsed} when they agree and are refused when they disagree.
 *
 * <p>System marginal price ({@code rt_smp_5min}, 5 minutes): AESO's SMP holds from one dispatch change to the next, at
 * any minute, so its intervals are irregular and cannot be canonical rows themselves (a row is 5, 15, 30 or 60 minutes).
 * Each five-minute interval that the payload's SMP intervals cover completely becomes one row whose price is the
 * time-weighted average SMP over it (4 decimals; the pool price is the same average over the hour). A five-minute
 * interval covered only in part (the payload's first or last minutes, an SMP whose end is unknown, a gap) makes no row:
 * the next payload covering it makes it. An SMP is taken to hold until its end or the payload's publication, whichever
 * is earlier: the API gives the SMP still active when asked a placeholder end of 23:59 of the day (as gridstatus notes),
 * so five-minute intervals after the answer was received make no row. SMP intervals that repeat one start with another end or price, or overlap, are
 * refused, and the five-minute intervals they touch make no row.
 */
public final class AesoPayloadPrices
{
    private AesoPayloadPrices() {}

    private static final Logger log = LoggerFactory.getLogger(AesoPayloadPrices.class);

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final BigDecimal FIVE_MINUTE_SECONDS = BigDecimal.valueOf(FIVE_MINUTES.getSeconds());

    public static CanonicalPrices poolPrice(List<AesoPoolPriceRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        AesoReport report = AesoReport.POOL_PRICE;
        Map<Instant, List<AesoPoolPriceRecord>> byHour = new LinkedHashMap<>();
        records.forEach(record -> byHour.computeIfAbsent(record.intervalStartUtc(), start -> new ArrayList<>(1)).add(record));
        List<PriceRow> rows = new ArrayList<>(byHour.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        int unsettled = 0;
        for (Map.Entry<Instant, List<AesoPoolPriceRecord>> hour : byHour.entrySet()) {
            Instant start = hour.getKey();
            List<AesoPoolPriceRecord> lines = hour.getValue();
            AesoPoolPriceRecord first = lines.get(0);
            Duration length = Duration.between(start, first.intervalEndUtc());
            if (!length.equals(HOUR)) {
                rejected.add(new CanonicalPrices.Rejected(AesoMarket.LOCATION_ID, start, String.format("interval %s..%s lasts %d minutes, expected 60", start,
                        first.intervalEndUtc(), length.toMinutes()), poolJson(lines)));
                continue;
            }
            AesoPoolPriceRecord other = lines.stream().filter(line -> !Objects.equals(line.poolPrice(), first.poolPrice())).findFirst().orElse(null);
            if (other != null) {
                rejected.add(new CanonicalPrices.Rejected(AesoMarket.LOCATION_ID, start, String.format("rows for the hour starting %s disagree: pool price %s vs %s "
                        + "(rows %d and %d)", start, shown(first.poolPrice()), shown(other.poolPrice()), first.lineNumber(), other.lineNumber()), poolJson(lines)));
                continue;
            }
            if (first.poolPrice() == null) {
                // not settled yet: AESO shows a forecast only; no row, and never a price of 0
                unsettled++;
                continue;
            }
            rows.add(row(report, start, start.plus(HOUR), first.poolPrice(), lines.size() > 1, publishedAtUtc, fetchId));
        }
        log.debug("AESO pool price of fetch {}: {} hours priced, {} not settled yet (no row), {} refused", fetchId, rows.size(), unsettled, rejected.size());
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    public static CanonicalPrices systemMarginalPrice(List<AesoSmpRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<Instant, List<AesoSmpRecord>> byStart = new TreeMap<>();
        records.forEach(record -> byStart.computeIfAbsent(record.intervalStartUtc(), start -> new ArrayList<>(1)).add(record));
        // the SMP intervals to spread, each once, and the spans refused records cover (their five-minute intervals make no row)
        List<AesoSmpRecord> intervals = new ArrayList<>();
        Set<Instant> duplicated = new HashSet<>();
        List<Instant[]> refusedSpans = new ArrayList<>();
        for (List<AesoSmpRecord> lines : byStart.values()) {
            AesoSmpRecord first = lines.get(0);
            AesoSmpRecord other = lines.stream()
                    .filter(line -> line.systemMarginalPrice() != first.systemMarginalPrice() || !Objects.equals(line.intervalEndUtc(), first.intervalEndUtc()))
                    .findFirst().orElse(null);
            if (other != null) {
                rejected.add(new CanonicalPrices.Rejected(AesoMarket.LOCATION_ID, first.intervalStartUtc(), String.format("SMP rows starting %s disagree: %s until %s "
                        + "vs %s until %s (rows %d and %d)", first.intervalStartUtc(), shown(first.systemMarginalPrice()), first.intervalEndUtc(),
                        shown(other.systemMarginalPrice()), other.intervalEndUtc(), first.lineNumber(), other.lineNumber()), smpJson(lines)));
                refusedSpans.add(span(lines));
                continue;
            }
            if (first.intervalEndUtc() == null) {
                // the payload does not say how long it held: the next payload will
                continue;
            }
            if (lines.size() > 1) {
                duplicated.add(first.intervalStartUtc());
            }
            intervals.add(first);
        }
        // overlapping intervals (sorted by start): both refused
        intervals.sort(Comparator.comparing(AesoSmpRecord::intervalStartUtc));
        List<AesoSmpRecord> accepted = new ArrayList<>(intervals.size());
        for (AesoSmpRecord interval : intervals) {
            AesoSmpRecord previous = accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
            if (previous != null && interval.intervalStartUtc().isBefore(previous.intervalEndUtc())) {
                String reason = String.format("SMP intervals overlap: %s..%s (row %d) and %s..%s (row %d)", previous.intervalStartUtc(),
                        previous.intervalEndUtc(), previous.lineNumber(), interval.intervalStartUtc(), interval.intervalEndUtc(), interval.lineNumber());
                rejected.add(new CanonicalPrices.Rejected(AesoMarket.LOCATION_ID, interval.intervalStartUtc(), reason, smpJson(List.of(previous, interval))));
                refusedSpans.add(span(List.of(previous, interval)));
                accepted.remove(accepted.size() - 1);
                continue;
            }
            accepted.add(interval);
        }
        // time-weighted sums per five-minute interval
        Map<Instant, Bucket> buckets = new TreeMap<>();
        for (AesoSmpRecord interval : accepted) {
            Instant start = interval.intervalStartUtc();
            // the active SMP carries a placeholder end (23:59 of the day): no SMP is known to hold past the payload's publication
            Instant end = interval.intervalEndUtc().isAfter(publishedAtUtc) ? publishedAtUtc : interval.intervalEndUtc();
            for (Instant bucket = floor(start); bucket.isBefore(end); bucket = bucket.plus(FIVE_MINUTES)) {
                Instant from = start.isAfter(bucket) ? start : bucket;
                Instant bucketEnd = bucket.plus(FIVE_MINUTES);
                Instant to = end.isBefore(bucketEnd) ? end : bucketEnd;
                long seconds = Duration.between(from, to).getSeconds();
                Bucket sums = buckets.computeIfAbsent(bucket, key -> new Bucket());
                sums.seconds += seconds;
                sums.weighted = sums.weighted.add(BigDecimal.valueOf(interval.systemMarginalPrice()).multiply(BigDecimal.valueOf(seconds)));
                sums.duplicated |= duplicated.contains(start);
            }
        }
        List<PriceRow> rows = new ArrayList<>(buckets.size());
        for (Map.Entry<Instant, Bucket> entry : buckets.entrySet()) {
            Instant bucket = entry.getKey();
            Bucket sums = entry.getValue();
            Instant bucketEnd = bucket.plus(FIVE_MINUTES);
            boolean refused = refusedSpans.stream().anyMatch(span -> span[0].isBefore(bucketEnd) && (span[1] == null || span[1].isAfter(bucket)));
            if (sums.seconds != FIVE_MINUTES.getSeconds() || refused) {
                continue;
            }
            double price = sums.weighted.divide(FIVE_MINUTE_SECONDS, 4, RoundingMode.HALF_EVEN).stripTrailingZeros().doubleValue();
            rows.add(row(AesoReport.SYSTEM_MARGINAL_PRICE, bucket, bucketEnd, price, sums.duplicated, publishedAtUtc, fetchId));
        }
        log.debug("AESO system marginal price of fetch {}: {} SMP intervals to {} five-minute rows, {} refused", fetchId, accepted.size(), rows.size(),
                rejected.size());
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    private static final class Bucket
    {
        private long seconds;
        private BigDecimal weighted = BigDecimal.ZERO;
        private boolean duplicated;
    }

    private static Instant floor(Instant instant)
    {
        long step = FIVE_MINUTES.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), step) * step);
    }

    /** The span of refused rows: from the earliest start to the latest end (null when one end is unknown). */
    private static Instant[] span(List<AesoSmpRecord> lines)
    {
        Instant from = lines.stream().map(AesoSmpRecord::intervalStartUtc).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = lines.stream().anyMatch(line -> line.intervalEndUtc() == null) ? null
                : lines.stream().map(AesoSmpRecord::intervalEndUtc).max(Comparator.naturalOrder()).orElseThrow();
        return new Instant[] {from, to};
    }

    private static PriceRow row(AesoReport report, Instant start, Instant end, double price, boolean duplicated, Instant publishedAtUtc, String fetchId)
    {
        LocalDate operatingDate = AesoMarket.TIME.operatingDate(start);
        List<String> flags = duplicated ? List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED) : List.of();
        return new PriceRow(AesoMarket.MARKET, report.dataset(), AesoMarket.LOCATION_ID, AesoMarket.LOCATION_TYPE, start, end, report.intervalMinutes(),
                operatingDate, AesoMarket.TIME.hourEnding(start), price, null, null, null, null, AesoMarket.CURRENCY, publishedAtUtc, 0, fetchId, flags);
    }

    private static String shown(Double price)
    {
        return price == null ? "blank" : price.toString();
    }

    private static String poolJson(List<AesoPoolPriceRecord> lines)
    {
        StringBuilder json = new StringBuilder("[");
        for (AesoPoolPriceRecord line : lines) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"row\":").append(line.lineNumber()).append(",\"start\":\"").append(line.intervalStartUtc()).append('"');
            append(json, "pool_price", line.poolPrice());
            append(json, "forecast_pool_price", line.forecastPoolPrice());
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static String smpJson(List<AesoSmpRecord> lines)
    {
        StringBuilder json = new StringBuilder("[");
        for (AesoSmpRecord line : lines) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"row\":").append(line.lineNumber()).append(",\"start\":\"").append(line.intervalStartUtc()).append('"');
            if (line.intervalEndUtc() != null) {
                json.append(",\"end\":\"").append(line.intervalEndUtc()).append('"');
            }
            append(json, "system_marginal_price", line.systemMarginalPrice());
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static void append(StringBuilder json, String field, Double value)
    {
        if (value != null) {
            json.append(",\"").append(field).append("\":").append(value);
        }
    }
}
