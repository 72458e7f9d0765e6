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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The curation step of the Henry Hub spot report: one payload's values to rows of {@code curated.spot_prices}, in its
 * column order with {@code revision} null. Market {@code HENRY-HUB}, product the EIA series ({@code RNGWHHD} daily,
 * {@code RNGWHHW} the weekly average of the normalized history), {@code trade_date} the period, price in USD/MMBtu,
 * status {@code settled}, {@code published_at_utc} the payload's (when it was received: EIA's API does not say when it
 * added a day).
 *
 * <p>Delivery (UNVERIFIED: the market's convention, not stated by EIA): a daily spot price traded on D is for gas
 * flowing on the next business day; a price traded on Friday covers the weekend through Monday. So
 * {@code delivery_start} is D + 1 and {@code delivery_end} (exclusive) the day after the next weekday after D. Only
 * weekends are modelled: a price before a holiday (which also covers the holiday) ends a day early. A weekly average
 * (RNGWHHW, week ending Friday F) covers the flow days of its trade days Monday..Friday: F - 3 (Tuesday) to F + 4.
 *
 * <p>Refused with a reason (to quarantine; the raw row stays): a missing value (the API's null, the history's
 * zero fill): {@code curated.spot_prices} allows the statuses settled and cancelled only, and a day EIA has no price for
 * is neither, so the gap shows as a quarantine row naming the day rather than as a made-up status or a zero; a unit
 * other than $/MMBTU.
 */
public final class EiaSpotPrices
{
    private static final Logger log = LoggerFactory.getLogger(EiaSpotPrices.class);

    /** The market the prices belong to in {@code curated.spot_prices.market} (hyphenated like EU-ETS; entitlements use this code). */
    public static final String SPOT_MARKET = "HENRY-HUB";
    public static final String DAILY = "RNGWHHD";
    public static final String WEEKLY = "RNGWHHW";
    /** The series of the report and their descriptions at EIA. */
    public static final Map<String, String> PRODUCTS = Map.of(DAILY, "Henry Hub Natural Gas Spot Price (Dollars per Million Btu)", WEEKLY,
            "Henry Hub Natural Gas Spot Price, weekly average (Dollars per Million Btu)");
    public static final String CURRENCY = "USD";
    public static final String UNIT = "MMBtu";
    /** The units EIA gives the series. */
    public static final String UNITS = "$/MMBTU";
    public static final String SETTLED = "settled";

    private EiaSpotPrices() {}

    public static CanonicalRecords canonicalRecords(List<EiaValueRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<Row> rows = new ArrayList<>(records.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (EiaValueRecord record : records) {
            String problem = problem(record);
            if (problem != null) {
                rejected.add(new CanonicalPrices.Rejected(record.seriesId(), Eia.TIME.dayStart(record.period()), problem, record.json()));
                continue;
            }
            LocalDate start = deliveryStart(record.seriesId(), record.period());
            LocalDate end = deliveryEnd(record.seriesId(), record.period());
            List<String> flags = record.repeatCount() > 1 ? List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED) : List.of();
            rows.add(RowFactory.create(SPOT_MARKET, record.seriesId(), record.period(), start, end, record.value(), CURRENCY, UNIT, SETTLED, null, null, null,
                    null, null, null, publishedAtUtc, null, fetchId, flags));
        }
        log.info("Curated EIA Henry Hub spot prices of fetch {} into {}: {} rows, {} refused", fetchId, CanonicalTables.SPOT_PRICES.identifier(), rows.size(),
                rejected.size());
        return new CanonicalRecords(CanonicalTables.SPOT_PRICES, rows, rejected);
    }

    private static String problem(EiaValueRecord record)
    {
        if (!PRODUCTS.containsKey(record.seriesId())) {
            return String.format("Cannot curate EIA series %s on %s (%s): not a Henry Hub spot series (%s)", record.seriesId(), record.period(),
                    record.where(), String.join(", ", PRODUCTS.keySet()));
        }
        if (record.value() == null) {
            return String.format("Cannot curate EIA %s on %s (%s): EIA has no price for the day (%s%s); the gap is kept in the raw table, not written "
                            + "as a price", record.seriesId(), record.period(), record.where(), record.valueStatus(),
                    record.valueStatus().equals(Eia.VALUE_ZERO_FILLED_MISSING) ? ": the normalized history's 0.0 fill of a missing day" : "");
        }
        if (record.units() != null && !record.units().strip().toUpperCase(Locale.ROOT).equals(UNITS)) {
            return String.format("Cannot curate EIA %s on %s (%s): units '%s' are not %s", record.seriesId(), record.period(), record.where(),
                    record.units(), UNITS);
        }
        return null;
    }

    /** The first flow day of a price: the day after the trade day (a week's Tuesday for a weekly average). */
    public static LocalDate deliveryStart(String series, LocalDate period)
    {
        return WEEKLY.equals(series) ? period.minusDays(3) : period.plusDays(1);
    }

    /** The day after the last flow day: the day after the next weekday (a Friday price covers Saturday..Monday). */
    public static LocalDate deliveryEnd(String series, LocalDate period)
    {
        if (WEEKLY.equals(series)) {
            return period.plusDays(4);
        }
        LocalDate day = period.plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.plusDays(1);
    }
}
