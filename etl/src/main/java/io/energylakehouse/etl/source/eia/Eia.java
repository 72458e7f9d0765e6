package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import java.time.ZoneId;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

/**
 * What the EIA connector names once: its market and source codes, its clock (EIA's dates are Eastern dates) and its raw
 * tables, one per report, both in the layout of an API v2 data row (the operator's own fields, typed).
 */
public final class Eia
{
    private Eia() {}

    /** The registry entry ({@link Markets#EIA}) the connector runs under, for quarantine rows and the storage fundamentals. */
    public static final String MARKET = "EIA";
    /** Source code of the payloads in {@code raw.fetch_log}. */
    public static final String SOURCE = "eia-api";
    /** EIA's dates (trade dates, week endings) and release times are Eastern. */
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    public static final MarketTime TIME = MarketTime.of("America/New_York");

    /** A value as published; where a row has none. */
    public static final String VALUE_PUBLISHED = "published";
    /** API v2 sent {@code "value": null} (or an empty string): EIA has no value for the period. */
    public static final String VALUE_MISSING = "missing";
    /** The normalized history CSV's {@code 0.0}: a day the scraper that wrote it filled with zero; landed as null, never 0. */
    public static final String VALUE_ZERO_FILLED_MISSING = "zero_filled_missing";

    public static final TableSpec HENRY_HUB_SPOT_RAW = rawTable("eia_henry_hub_spot",
            "EIA Henry Hub natural gas spot price (series RNGWHHD, daily, and RNGWHHW, weekly average) as published: API v2 data rows of "
                    + "natural-gas/pri/fut, or lines of the normalized dnav history CSV (Date,Price / Week Ending,Price), one row per series and period");
    public static final TableSpec STORAGE_WEEKLY_RAW = rawTable("eia_storage_weekly",
            "EIA weekly working gas in underground storage (Lower 48 and regions, Bcf, week ending Friday) as published: API v2 data rows of "
                    + "natural-gas/stor/wkly, one row per series and week ending");

    private static TableSpec rawTable(String name, String description)
    {
        return TableSpec.builder("raw", name, description)
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("line_number", IntegerType, "Position in the payload, 1-based: the data row's number across the pages of an API answer "
                        + "(page after page), or the CSV line number")
                .optional("page_number", IntegerType, "Page of the API answer the row is on, 1-based; null for a CSV line")
                .required("period_date", DateType, "period: the trade date (daily spot) or the week-ending Friday (weekly), an Eastern date")
                .required("series_id", StringType, "series: RNGWHHD, RNGWHHW, NW2_EPG0_SWO_R48_BCF, ...")
                .optional("series_description", StringType, "series-description as published")
                .optional("duoarea_code", StringType, "duoarea: the area code (R48 Lower 48, R31..R35 the storage regions; RGC for Henry Hub)")
                .optional("process_code", StringType, "process: SWO working gas in storage, PS0 spot price, ...")
                .optional("value_text", StringType, "value exactly as published (a JSON number or string, or the CSV cell); null where the API sent null")
                .optional("value", DoubleType, "value as a number in units; null where EIA has none (value_status says why), never 0 for missing")
                .optional("units", StringType, "units as published: $/MMBTU, BCF")
                .required("repeat_count", IntegerType, "How many times the payload holds this series and period with this value (pages repeat rows "
                        + "when EIA's paging is unstable); 1 normally")
                .required("value_status", StringType, "published, missing (the API sent null) or zero_filled_missing (the normalized history's "
                        + "0.0 fill of a missing day)")
                .key("fetch_id", "line_number")
                .partitionedBy("years(period_date)")
                .build();
    }
}
