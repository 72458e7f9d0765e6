package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * The raw table of the JEPX connector: one row per line of a fetched {@code spot_{FY}.csv}, the operator's own values
 * typed exactly (decimals: JPY per kWh and kWh as published), plus lineage and the slot's interval in UTC. A fiscal-year
 * file is fetched whole every time, so every fetch lands every line it holds again, under its own {@code fetch_id}.
 */
public final class JepxTables
{
    private JepxTables() {}

    /** Prices in JPY per kWh: JEPX publishes two decimals; six are kept exactly. */
    public static final DecimalType PRICE_TYPE = DataTypes.createDecimalType(18, 6);
    /** Volumes in kWh: JEPX publishes whole kWh; three decimals are kept exactly. */
    public static final DecimalType VOLUME_TYPE = DataTypes.createDecimalType(20, 3);

    public static final TableSpec RAW_SPOT = spec();

    private static TableSpec spec()
    {
        TableSpec.Builder builder = TableSpec.builder("raw", "jepx_spot",
                        "JEPX day-ahead spot results as published in spot_{FY}.csv (Shift_JIS): one row per line, one JST day's half-hour slot")
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("line_number", IntegerType, "The row's line in the file, from 1")
                .required("operating_date", DateType, "年月日: the delivery day in JST (UTC+9)")
                .required("slot_code", IntegerType, "時刻コード: the half-hour slot 1..48; slot n covers [(n-1)*30, n*30) minutes of the JST day")
                .required("interval_start_utc", TimestampType, "The slot's start: operating_date 00:00 JST - 9 h + (slot_code - 1) * 30 min")
                .required("interval_end_utc", TimestampType, "interval_start_utc plus 30 minutes")
                .optional("sell_bid_volume_kwh", VOLUME_TYPE, "売り入札量(kWh): sell bids, kWh as published")
                .optional("buy_bid_volume_kwh", VOLUME_TYPE, "買い入札量(kWh): buy bids, kWh as published")
                .optional("contract_volume_kwh", VOLUME_TYPE, "約定総量(kWh): contracted volume, kWh as published");
        for (JepxPriceColumn column : JepxPriceColumn.values()) {
            builder.optional(column.rawColumn(), PRICE_TYPE, column.header() + ": " + column.locationName() + ", JPY per kWh as published; null where empty");
        }
        return builder
                .optional("other_columns_json", StringType, "The line's other non-empty cells (spot and intraday average, the α columns, the avoidable "
                        + "costs, the block volumes, any column JEPX adds) as a JSON object: header text as published to the cell's text")
                .key("fetch_id", "line_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
