package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

/** The raw table of the settlement files: the file's fields, typed, plus lineage. */
public final class SettlementTables
{
    private SettlementTables() {}

    public static final TableSpec RAW_FUTURES_SETTLEMENTS = TableSpec.builder("raw", "futures_settlements",
                    "Futures settlement files as supplied: one row per accepted line (rejected lines are in curated.quarantine)")
            .required("fetch_id", StringType, "raw.fetch_log row of the file this line came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("line_number", IntegerType, "Line in the file (the header is line 1)")
            .required("trade_date", DateType, "trade_date")
            .required("market", StringType, "market, upper case")
            .required("contract_code", StringType, "contract_code as given")
            .required("profile", StringType, "profile: base, peak or offpeak")
            .required("delivery_start", DateType, "delivery_start (inclusive)")
            .required("delivery_end", DateType, "delivery_end (exclusive)")
            .required("settlement_price", DoubleType, "settlement_price in currency per unit")
            .required("currency", StringType, "currency, ISO 4217")
            .required("unit", StringType, "unit the price is per")
            .optional("exchange", StringType, "exchange; null when the file does not say")
            .key("fetch_id", "line_number")
            .partitionedBy("months(trade_date)")
            .build();
}
