package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The NEM's market price cap (MPC, {@code VOLL} in MMS) and market price floor by effective date, built in so that the
 * range check of a payload's prices needs no other payload. The rows up to 2020-07-01 are those of MARKET_PRICE_THRESHOLDS
 * (the real archive {@code PUBLIC_DVD_MARKET_PRICE_THRESHOLDS_202104010000}; a test checks they agree); the later ones
 * are AEMO's published annual reliability settings (2021-22 $15,100 to 2025-26 $20,300), to be checked against a newer
 * MARKET_PRICE_THRESHOLDS file when one is at hand. The cap changes on 1 July each year; the floor has been -1,000.
 *
 * <p>A price is checked against the thresholds in effect on its operating date (NEM day of its interval start): above
 * the cap or below the floor it is refused, the reason naming both. A date after the last year the table covers (its
 * last effective date plus one year) is checked against the latest known thresholds and its rows are flagged
 * {@link #ASSUMED_FLAG}; a date before the first is refused, never left unbounded.
 *
 * <p>The {@code price_thresholds} report lands the published table in raw and curates it into
 * {@code curated.spot_prices} (dataset {@link #DATASET}): one row per effective date and product {@code MARKET_PRICE_CAP},
 * {@code MARKET_PRICE_FLOOR} and {@code ADMINISTERED_PRICE_THRESHOLD}, market AEMO, unit MWh (the administered price
 * threshold, a cumulative price, unit {@code MWh_cumulative}), delivery from the effective date to the next one.
 */
public final class AemoThresholds
{
    private AemoThresholds() {}

    private static final Logger log = LoggerFactory.getLogger(AemoThresholds.class);

    public static final String DATASET = "price_thresholds";
    /** The flag of a price checked against the latest known thresholds because its date is beyond the built-in table. */
    public static final String ASSUMED_FLAG = "price_threshold_assumed";
    public static final String MARKET_PRICE_CAP = "MARKET_PRICE_CAP";
    public static final String MARKET_PRICE_FLOOR = "MARKET_PRICE_FLOOR";
    public static final String ADMINISTERED_PRICE_THRESHOLD = "ADMINISTERED_PRICE_THRESHOLD";

    /** The thresholds in force from an effective date. */
    public record Threshold(LocalDate effectiveDate, BigDecimal marketPriceCap, BigDecimal marketPriceFloor, BigDecimal administeredPriceThreshold)
    {
        public Threshold
        {
            requireNonNull(effectiveDate, "effectiveDate is null");
            requireNonNull(marketPriceCap, "marketPriceCap is null");
            requireNonNull(marketPriceFloor, "marketPriceFloor is null");
        }
    }

    private static Threshold threshold(String date, String cap, String floor, String administered)
    {
        return new Threshold(LocalDate.parse(date), new BigDecimal(cap), new BigDecimal(floor), administered == null ? null : new BigDecimal(administered));
    }

    /** The built-in table, by effective date. */
    public static final List<Threshold> KNOWN = List.of(
            threshold("1997-11-04", "5000", "-1000", null),
            threshold("2002-04-01", "10000", "-1000", "150000"),
            threshold("2010-07-01", "12500", "-1000", "187500"),
            threshold("2012-07-01", "12900", "-1000", "193900"),
            threshold("2013-07-01", "13100", "-1000", "197100"),
            threshold("2014-07-01", "13500", "-1000", "201900"),
            threshold("2015-07-01", "13800", "-1000", "207000"),
            threshold("2016-07-01", "14000", "-1000", "210100"),
            threshold("2017-07-01", "14200", "-1000", "212800"),
            threshold("2018-07-01", "14500", "-1000", "216900"),
            threshold("2019-07-01", "14700", "-1000", "221100"),
            threshold("2020-07-01", "15000", "-1000", "224600"),
            // AEMO's published reliability settings after the real fixture's last row (administered threshold not built in)
            threshold("2021-07-01", "15100", "-1000", null),
            threshold("2022-07-01", "15500", "-1000", null),
            threshold("2023-07-01", "16600", "-1000", null),
            threshold("2024-07-01", "17500", "-1000", null),
            threshold("2025-07-01", "20300", "-1000", null));

    private static final TreeMap<LocalDate, Threshold> BY_DATE = new TreeMap<>();

    static {
        KNOWN.forEach(threshold -> BY_DATE.put(threshold.effectiveDate(), threshold));
    }

    /** The last day the built-in table is known to cover: a year after its last effective date, less a day. */
    public static LocalDate lastCoveredDay()
    {
        return BY_DATE.lastKey().plusYears(1).minusDays(1);
    }

    /** The thresholds of a NEM day, if the table reaches back to it. */
    public static Optional<Threshold> inEffect(LocalDate day)
    {
        return Optional.ofNullable(BY_DATE.floorEntry(day)).map(Map.Entry::getValue);
    }

    /** Whether a day is beyond the built-in table, checked against the latest known thresholds (flagged). */
    public static boolean isAssumed(LocalDate day)
    {
        return day.isAfter(lastCoveredDay());
    }

    /**
     * Why a price of the day is out of the market's range, or null when it is within (the cap and floor included).
     *
     * @param what the price's name in the reason, e.g. {@code RRP of NSW1 at 2018/04/01 00:05:00}
     */
    public static String rangeProblem(BigDecimal price, LocalDate day, String what)
    {
        Optional<Threshold> threshold = inEffect(day);
        if (threshold.isEmpty()) {
            return String.format("%s %s AUD/MWh on %s: no market price cap is known before %s", what, price.toPlainString(), day, BY_DATE.firstKey());
        }
        Threshold in = threshold.get();
        boolean above = price.compareTo(in.marketPriceCap()) > 0;
        boolean below = price.compareTo(in.marketPriceFloor()) < 0;
        if (!above && !below) {
            return null;
        }
        return String.format("%s %s AUD/MWh is %s the market price %s: the range on %s is floor %s .. cap %s AUD/MWh (in effect from %s%s)", what,
                price.toPlainString(), above ? "above" : "below", above ? "cap" : "floor", day, in.marketPriceFloor().toPlainString(),
                in.marketPriceCap().toPlainString(), in.effectiveDate(), isAssumed(day) ? "; the latest known, assumed for a date beyond the built-in table" : "");
    }

    /**
     * The published thresholds of one payload as rows of {@code curated.spot_prices}: the latest VERSIONNO of each effective
     * date; a record without a cap or floor is refused.
     */
    public static CanonicalRecords canonicalRecords(List<AemoThresholdRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        Map<LocalDate, AemoThresholdRecord> latest = new LinkedHashMap<>();
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (AemoThresholdRecord record : records.stream().sorted(Comparator.comparing(AemoThresholdRecord::effectiveDate)).toList()) {
            if (record.voll() == null || record.marketPriceFloor() == null) {
                rejected.add(new CanonicalPrices.Rejected(null, null, String.format("MARKET_PRICE_THRESHOLDS row of line %d (effective %s) has no %s",
                        record.lineNumber(), record.effectiveDate(), record.voll() == null ? "VOLL" : "MARKETPRICEFLOOR"), record.fieldsJson()));
                continue;
            }
            latest.merge(record.effectiveDate(), record, (a, b) -> version(b) >= version(a) ? b : a);
        }
        List<LocalDate> dates = new ArrayList<>(latest.keySet());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            AemoThresholdRecord record = latest.get(dates.get(i));
            LocalDate from = record.effectiveDate();
            LocalDate to = i + 1 < dates.size() ? dates.get(i + 1) : from.plusYears(1);
            rows.add(row(MARKET_PRICE_CAP, from, to, record.voll(), "MWh", publishedAtUtc, fetchId));
            rows.add(row(MARKET_PRICE_FLOOR, from, to, record.marketPriceFloor(), "MWh", publishedAtUtc, fetchId));
            if (record.administeredPriceThreshold() != null) {
                rows.add(row(ADMINISTERED_PRICE_THRESHOLD, from, to, record.administeredPriceThreshold(), "MWh_cumulative", publishedAtUtc, fetchId));
            }
        }
        log.info("Curated AEMO price thresholds of fetch {} into {}: {} effective dates, {} rows, {} refused", fetchId,
                CanonicalTables.SPOT_PRICES.identifier(), dates.size(), rows.size(), rejected.size());
        return new CanonicalRecords(CanonicalTables.SPOT_PRICES, rows, rejected);
    }

    private static int version(AemoThresholdRecord record)
    {
        return record.versionNo() == null ? 0 : record.versionNo();
    }

    private static Row row(String product, LocalDate from, LocalDate to, BigDecimal price, String unit, Instant publishedAtUtc, String fetchId)
    {
        return RowFactory.create(AemoMarket.MARKET, product, from, from, to, price.doubleValue(), AemoMarket.CURRENCY, unit, "settled", null, null, null,
                null, null, null, publishedAtUtc, null, fetchId, List.of());
    }
}
