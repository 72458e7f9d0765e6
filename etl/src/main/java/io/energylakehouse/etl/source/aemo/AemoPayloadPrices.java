package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one AEMO payload in plain Java: market AEMO, currency AUD, location the region
 * ({@code REGIONID}, type {@code region}), no price components; SETTLEMENTDATE is the interval END in NEM time (UTC+10),
 * the start is five minutes earlier (thirty for a trading interval before 2021-10-01), and the operating date is the
 * NEM day of the start (a day's intervals end 00:05 .. 00:00 next day).
 *
 * <ul>
 * <li>DISPATCHPRICE: {@code rt_5min} (RRP) and one dataset per FCAS service ({@code fcas_raise6sec_5min}, ...) where the
 * table version has its column. Only the pricing run (INTERVENTION 0) is curated; INTERVENTION 1 rows stay in raw and are
 * counted in the log as intentionally not curated (they are not bad input and never quarantined).</li>
 * <li>TRADINGPRICE: {@code trading_30min} for intervals ending up to 2021-10-01 00:00 NEM time; from five-minute
 * settlement on, the trading price is the dispatch price, which {@code rt_5min} already holds: such rows stay in raw and
 * are counted in the log, not curated a second time.</li>
 * <li>Rows repeating one dataset, region and interval collapse into one flagged {@code duplicate_rows_collapsed} when they
 * agree and are all refused when their prices differ.</li>
 * <li>Range check: a price above the market price cap or below the floor in effect on its date is refused, naming both
 * ({@link AemoThresholds}); prices at the cap are real. Dates beyond the built-in table are flagged
 * {@link AemoThresholds#ASSUMED_FLAG}.</li>
 * <li>A region other than the NEM's five is refused, naming it.</li>
 * </ul>
 */
public final class AemoPayloadPrices
{
    private AemoPayloadPrices() {}

    private static final Logger log = LoggerFactory.getLogger(AemoPayloadPrices.class);

    public static final String RT_5MIN = "rt_5min";
    public static final String TRADING_30MIN = "trading_30min";
    /** The first five-minute settlement interval starts here: 2021-10-01 00:00 NEM time. */
    public static final Instant FIVE_MINUTE_SETTLEMENT_START = AemoMarket.instant(LocalDateTime.of(2021, 10, 1, 0, 0));

    /** The length of an interval ending at {@code end}: 30 minutes for TRADINGPRICE before five-minute settlement, else 5. */
    public static int intervalMinutes(MmsTable table, Instant end)
    {
        return table == MmsTable.TRADING_PRICE && !end.isAfter(FIVE_MINUTE_SETTLEMENT_START) ? 30 : 5;
    }

    /** What a payload's curation did, for the log and tests. */
    public record Counts(int intervention, int tradingAfterFiveMinuteSettlement, int collapsed)
    {
    }

    private record Key(String dataset, String region, Instant end) {}

    private record Candidate(AemoPriceRecord record, String dataset, int minutes, BigDecimal price, String column) {}

    public static CanonicalPrices canonical(List<AemoPriceRecord> records, Instant publishedAtUtc, String fetchId)
    {
        return curate(records, publishedAtUtc, fetchId).prices();
    }

    /** The prices and the counts of rows intentionally not curated. */
    public record Curated(CanonicalPrices prices, Counts counts) {}

    public static Curated curate(List<AemoPriceRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(fetchId, "fetchId is null");
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<Key, List<Candidate>> byKey = new LinkedHashMap<>();
        int intervention = 0;
        int tradingAfter = 0;
        for (AemoPriceRecord record : records) {
            if (!record.isPricingRun()) {
                intervention++;
                continue;
            }
            boolean trading = record.table() == MmsTable.TRADING_PRICE;
            if (trading && record.intervalEndUtc().isAfter(FIVE_MINUTE_SETTLEMENT_START)) {
                tradingAfter++;
                continue;
            }
            if (!AemoMarket.REGIONS.contains(record.regionId())) {
                rejected.add(new CanonicalPrices.Rejected(record.regionId(), record.intervalStartUtc(), String.format("unknown NEM region '%s' at %s (line %d of %s): the regions "
                        + "are %s", record.regionId(), record.settlementDate(), record.lineNumber(), record.member(), AemoMarket.REGIONS), record.fieldsJson()));
                continue;
            }
            if (record.rrp() == null) {
                continue;
            }
            int minutes = (int) Duration.between(record.intervalStartUtc(), record.intervalEndUtc()).toMinutes();
            List<Candidate> candidates = new ArrayList<>();
            candidates.add(new Candidate(record, trading ? TRADING_30MIN : RT_5MIN, minutes, record.rrp(), "RRP"));
            if (!trading) {
                record.fcasPrices().forEach((service, price) -> {
                    if (price != null) {
                        candidates.add(new Candidate(record, service.dataset(), minutes, price, service.column()));
                    }
                });
            }
            for (Candidate candidate : candidates) {
                byKey.computeIfAbsent(new Key(candidate.dataset(), record.regionId(), record.intervalEndUtc()), key -> new ArrayList<>(1)).add(candidate);
            }
        }
        List<PriceRow> rows = new ArrayList<>(byKey.size());
        int collapsed = 0;
        for (Map.Entry<Key, List<Candidate>> entry : byKey.entrySet()) {
            List<Candidate> candidates = entry.getValue();
            Candidate first = candidates.get(0);
            AemoPriceRecord record = first.record();
            Instant end = record.intervalEndUtc();
            Instant start = end.minus(Duration.ofMinutes(first.minutes()));
            Candidate other = candidates.stream().filter(candidate -> candidate.price().compareTo(first.price()) != 0).findFirst().orElse(null);
            if (other != null) {
                for (Candidate candidate : candidates) {
                    rejected.add(new CanonicalPrices.Rejected(record.regionId(), start, String.format("duplicate %s rows of %s at %s disagree: %s %s (line %d) vs "
                            + "%s (line %d)", first.dataset(), record.regionId(), record.settlementDate(), first.column(), first.price().toPlainString(),
                            record.lineNumber(), other.price().toPlainString(), other.record().lineNumber()), candidate.record().fieldsJson()));
                }
                continue;
            }
            LocalDate operatingDate = AemoMarket.TIME.operatingDate(start);
            String problem = AemoThresholds.rangeProblem(first.price(), operatingDate, String.format("%s of %s at %s (line %d)", first.column(),
                    record.regionId(), record.settlementDate(), record.lineNumber()));
            if (problem != null) {
                rejected.add(new CanonicalPrices.Rejected(record.regionId(), start, problem, record.fieldsJson()));
                continue;
            }
            List<String> flags = new ArrayList<>(2);
            if (candidates.size() > 1) {
                flags.add(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
                collapsed++;
            }
            if (AemoThresholds.isAssumed(operatingDate)) {
                flags.add(AemoThresholds.ASSUMED_FLAG);
            }
            rows.add(new PriceRow(AemoMarket.MARKET, first.dataset(), record.regionId(), AemoMarket.LOCATION_TYPE, start, end, first.minutes(),
                    operatingDate, AemoMarket.TIME.hourEnding(start), first.price().doubleValue(), null, null, null, null, AemoMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId, flags));
        }
        Counts counts = new Counts(intervention, tradingAfter, collapsed);
        log.info("Curated AEMO prices of fetch {}: {} records to {} rows, {} refused; not curated on purpose: {} INTERVENTION 1 rows, {} TRADINGPRICE rows of "
                + "five-minute settlement (equal to DISPATCHPRICE)", fetchId, records.size(), rows.size(), rejected.size(), intervention, tradingAfter);
        return new Curated(new CanonicalPrices(PriceRows.withRevisions(rows), rejected), counts);
    }
}
