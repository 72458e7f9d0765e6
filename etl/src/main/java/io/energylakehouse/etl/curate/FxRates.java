package io.energylakehouse.etl.curate;

import io.energylakehouse.common.table.CanonicalTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * Which euro reference rate a one-currency view uses for a day, from {@code curated.fx_rates}: the ECB's rate of that
 * date ({@link #SAME_DAY}), or on a day without one (a weekend, a TARGET holiday) the rate of the last business day
 * before it that has one ({@link #PREVIOUS_BUSINESS_DAY}), looking back at most {@link #MAX_LOOKBACK_DAYS} days (the
 * longest TARGET closure, Good Friday to Easter Monday, is four days). Beyond that, or for a currency the ECB does not
 * quote, there is no rate: never a guess. EUR is its own rate, 1, on every day.
 *
 * <p>Conversions: {@code price_eur = price / units_per_eur}; {@code price_usd = price_eur * usd_per_eur} (the USD rate
 * of the same day). Decimals keep {@link #MATH} (34 digits), so a conversion rounds only where the caller says.
 */
public final class FxRates
{
    public static final String SAME_DAY = "same_day";
    public static final String PREVIOUS_BUSINESS_DAY = "previous_business_day";
    public static final int MAX_LOOKBACK_DAYS = 7;
    public static final MathContext MATH = MathContext.DECIMAL128;
    public static final String EUR = "EUR";

    /** Columns {@link #withRate} adds. */
    public static final String RATE_DATE = "fx_rate_date";
    public static final String UNITS_PER_EUR = "units_per_eur";
    public static final String RULE = "fx_rule";

    private final Map<String, TreeMap<LocalDate, BigDecimal>> rates;

    private FxRates(Map<String, TreeMap<LocalDate, BigDecimal>> rates)
    {
        this.rates = rates;
    }

    /** The rate used for one currency and day: which date's rate and by which rule. */
    public record Rate(String currency, LocalDate date, LocalDate rateDate, BigDecimal unitsPerEur, String rule)
    {
        public Rate
        {
            requireNonNull(currency, "currency is null");
            requireNonNull(date, "date is null");
            requireNonNull(rateDate, "rateDate is null");
            requireNonNull(unitsPerEur, "unitsPerEur is null");
            requireNonNull(rule, "rule is null");
        }
    }

    /** A published rate (one row of {@code curated.fx_rates}, its latest revision). */
    public record Published(LocalDate rateDate, String currency, BigDecimal unitsPerEur) {}

    /** The rates, latest revision of each date and currency (two values for one key are refused: pass the latest only). */
    public static FxRates of(List<Published> published)
    {
        Map<String, TreeMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();
        for (Published rate : published) {
            BigDecimal earlier = byCurrency.computeIfAbsent(rate.currency(), currency -> new TreeMap<>()).put(rate.rateDate(), rate.unitsPerEur());
            if (earlier != null && earlier.compareTo(rate.unitsPerEur()) != 0) {
                throw new IllegalArgumentException("Cannot hold two rates of " + rate.currency() + " on " + rate.rateDate() + ": " + earlier + " and "
                        + rate.unitsPerEur() + " (give the latest revision only)");
            }
        }
        return new FxRates(byCurrency);
    }

    /** The rate to use for {@code currency} on {@code date}; empty when none was published within the lookback. */
    public Optional<Rate> rate(String currency, LocalDate date)
    {
        if (currency.equals(EUR)) {
            return Optional.of(new Rate(EUR, date, date, BigDecimal.ONE, SAME_DAY));
        }
        TreeMap<LocalDate, BigDecimal> series = rates.get(currency);
        Entry<LocalDate, BigDecimal> found = series == null ? null : series.floorEntry(date);
        if (found == null || ChronoUnit.DAYS.between(found.getKey(), date) > MAX_LOOKBACK_DAYS) {
            return Optional.empty();
        }
        return Optional.of(new Rate(currency, date, found.getKey(), found.getValue(), found.getKey().equals(date) ? SAME_DAY : PREVIOUS_BUSINESS_DAY));
    }

    /** {@code price / units_per_eur}: a price in {@code currency} on {@code date} in EUR; empty without a rate. */
    public Optional<BigDecimal> toEur(BigDecimal price, String currency, LocalDate date)
    {
        return rate(currency, date).map(rate -> price.divide(rate.unitsPerEur(), MATH));
    }

    /** {@code price_eur * usd_per_eur}, both at the rates used on {@code date}; empty without both rates. */
    public Optional<BigDecimal> toUsd(BigDecimal price, String currency, LocalDate date)
    {
        Optional<BigDecimal> eur = toEur(price, currency, date);
        Optional<Rate> usd = rate("USD", date);
        return eur.isEmpty() || usd.isEmpty() ? Optional.empty() : Optional.of(eur.get().multiply(usd.get().unitsPerEur(), MATH));
    }

    /** Rates of every date of a currency, for tests and messages. */
    List<LocalDate> dates(String currency)
    {
        return new ArrayList<>(rates.getOrDefault(currency, new TreeMap<>()).keySet());
    }

    /**
     * The Spark twin of {@link #rate}: adds {@code fx_rate_date}, {@code units_per_eur} and {@code fx_rule} to every row of
     * {@code rows}, by its {@code dateColumn} and {@code currencyColumn}, from {@code fxRates} (rows of
     * {@code curated.fx_rates}; the latest revision of each key is taken). Null where no rate applies. Pure.
     */
    public static Dataset<Row> withRate(Dataset<Row> rows, Dataset<Row> fxRates, String dateColumn, String currencyColumn)
    {
        Columns.require(rows, "FxRates.withRate", List.of(dateColumn, currencyColumn));
        Columns.require(fxRates, "FxRates.withRate", List.of("rate_date", "currency", "units_per_eur", "revision"));
        Dataset<Row> latest = Revisions.latest(fxRates, List.of("currency", "rate_date"))
                .select(col("currency").as("_fx_currency"), col("rate_date").as("_fx_rate_date"), col("units_per_eur").as("_fx_units_per_eur"));
        Dataset<Row> numbered = rows.withColumn("_fx_row", monotonically_increasing_id());
        Column applies = col(currencyColumn).equalTo(col("_fx_currency"))
                .and(col("_fx_rate_date").leq(col(dateColumn)))
                .and(col("_fx_rate_date").geq(date_sub(col(dateColumn), MAX_LOOKBACK_DAYS)));
        Dataset<Row> candidates = numbered.join(latest, applies, "left")
                .withColumn("_fx_rank", row_number().over(Window.partitionBy(col("_fx_row")).orderBy(col("_fx_rate_date").desc_nulls_last())))
                .where(col("_fx_rank").equalTo(1));
        Column isEur = col(currencyColumn).equalTo(lit(EUR));
        Column rateDate = when(isEur, col(dateColumn)).otherwise(col("_fx_rate_date"));
        return candidates
                .withColumn(RATE_DATE, rateDate)
                .withColumn(UNITS_PER_EUR, when(isEur, lit(BigDecimal.ONE).cast(CanonicalTables.RATE_TYPE))
                        .otherwise(col("_fx_units_per_eur")).cast(CanonicalTables.RATE_TYPE))
                .withColumn(RULE, when(rateDate.isNull(), lit(null).cast("string"))
                        .when(rateDate.equalTo(col(dateColumn)), lit(SAME_DAY)).otherwise(lit(PREVIOUS_BUSINESS_DAY)))
                .drop("_fx_row", "_fx_rank", "_fx_currency", "_fx_rate_date", "_fx_units_per_eur");
    }
}
