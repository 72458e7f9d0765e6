package io.energylakehouse.curves.job;

import io.energylakehouse.common.table.TableSpec;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The analytics tables of the curves module. */
public final class CurveTables
{
    private CurveTables() {}

    public static final TableSpec FORWARD_CURVES = TableSpec.builder("analytics", "forward_curves",
                    "Maximum-smoothness forward curves fitted to each market's futures settlements of a trade date: one row per as-of date, market, product, granularity and delivery period")
            .required("as_of_date", DateType, "Trade date of the settlements the curve was fitted to")
            .required("market", StringType, "Market of the contracts, e.g. PJM, EEX-DE")
            .required("product", StringType, "base, peak or offpeak at daily granularity; base at hourly granularity (one curve prices every hour)")
            .required("granularity", StringType, "day or hour")
            .required("period_start_utc", TimestampType, "Start of the delivery period (instant)")
            .required("period_end_utc", TimestampType, "End of the delivery period (instant)")
            .required("delivery_date", DateType, "Local delivery day of the period in the market's time zone")
            .optional("hour_ending", IntegerType, "Hour ending of an hourly period in elapsed hours of the local day (1..23 or 1..25 on DST days); null for days")
            .required("price", DoubleType, "Forward price in currency per unit")
            .required("currency", StringType, "ISO 4217 code of the price")
            .required("unit", StringType, "Quantity the price is per, e.g. MWh")
            .required("method", StringType, "How the curve was made, e.g. max_smoothness weights=hours end=none prior=flat")
            .required("contracts_fitted", IntegerType, "Independent contracts the spline passes through")
            .required("contracts_quoted", IntegerType, "Settlements of the market on the as-of date")
            .required("input_snapshot_id", LongType, "Snapshot of curated.commodity_prices the curve was fitted from")
            .key("as_of_date", "market", "product", "granularity", "period_start_utc")
            .partitionedBy("market", "as_of_date")
            .build();
}
