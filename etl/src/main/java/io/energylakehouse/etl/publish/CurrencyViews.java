package io.energylakehouse.etl.publish;

import io.energylakehouse.etl.curate.Columns;
import io.energylakehouse.etl.curate.FxRates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

/**
 * The one-currency view of the published hub tables: each price column in the market's own currency gets an EUR and a
 * USD twin, converted with the ECB reference rate of the operating date, or of the last business day the ECB published
 * one before it (weekends, TARGET holidays; at most {@link FxRates#MAX_LOOKBACK_DAYS} days back), by
 * {@link FxRates#withRate}. The rate's date and the rule that chose it are columns ({@code fx_rate_date},
 * {@code fx_rule}), never a guess: the date of the rate of the price's currency, or of USD for EUR prices. Where
 * {@code curated.fx_rates} holds no rate the twins and both columns are null. Rates are exact decimals and so is the
 * arithmetic; each converted price is rounded half-up to {@link HubPrices#MEAN_SCALE} places.
 */
public final class CurrencyViews
{
    public static final String USD = "USD";

    private CurrencyViews() {}

    /** The name of a price column's twin in a currency: {@code da_price_per_mwh} -> {@code da_price_eur_per_mwh}. */
    public static String twin(String priceColumn, String currency)
    {
        if (!priceColumn.endsWith("_per_mwh")) {
            throw new IllegalArgumentException("Cannot name the " + currency + " twin of column " + priceColumn + ": it is not a price per MWh");
        }
        return priceColumn.substring(0, priceColumn.length() - "_per_mwh".length()) + "_" + currency.toLowerCase(java.util.Locale.ROOT) + "_per_mwh";
    }

    /**
     * The rows with {@code fx_rate_date}, {@code fx_rule} and an EUR and a USD twin of each of {@code priceColumns}, from the
     * rows' {@code operating_date} and {@code currency} and {@code fxRates} (rows of {@code curated.fx_rates}).
     */
    public static Dataset<Row> withEurAndUsd(Dataset<Row> rows, Dataset<Row> fxRates, List<String> priceColumns)
    {
        Columns.require(rows, "CurrencyViews.withEurAndUsd", "operating_date", "currency");
        Columns.require(rows, "CurrencyViews.withEurAndUsd", priceColumns);
        Dataset<Row> withUsd = FxRates.withRate(rows.withColumn("_usd", lit(USD)), fxRates, "operating_date", "_usd")
                .withColumnRenamed(FxRates.RATE_DATE, "_usd_rate_date")
                .withColumnRenamed(FxRates.UNITS_PER_EUR, "_usd_per_eur")
                .withColumnRenamed(FxRates.RULE, "_usd_rule");
        Dataset<Row> withBoth = FxRates.withRate(withUsd, fxRates, "operating_date", "currency");
        Column isEur = col("currency").equalTo(lit(FxRates.EUR));
        Column isUsd = col("currency").equalTo(lit(USD));
        Dataset<Row> converted = withBoth
                .withColumn("_rate_date", when(isEur, col("_usd_rate_date")).otherwise(col(FxRates.RATE_DATE)))
                .withColumn("_rule", when(isEur, col("_usd_rule")).otherwise(col(FxRates.RULE)));
        org.apache.spark.sql.types.DecimalType exact = DataTypes.createDecimalType(28, HubPrices.SUM_SCALE);
        for (String price : priceColumns) {
            Column inEur = col(price).cast(exact).divide(col(FxRates.UNITS_PER_EUR));
            converted = converted
                    .withColumn(twin(price, FxRates.EUR), round(inEur, HubPrices.MEAN_SCALE).cast(DataTypes.DoubleType))
                    .withColumn(twin(price, USD), when(isUsd, col(price))
                            .otherwise(round(inEur.multiply(col("_usd_per_eur")), HubPrices.MEAN_SCALE).cast(DataTypes.DoubleType)));
        }
        return converted
                .drop(FxRates.RATE_DATE, FxRates.RULE, FxRates.UNITS_PER_EUR, "_usd", "_usd_rate_date", "_usd_per_eur", "_usd_rule")
                .withColumnRenamed("_rate_date", FxRates.RATE_DATE)
                .withColumnRenamed("_rule", FxRates.RULE);
    }
}
