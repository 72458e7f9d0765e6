package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

/**
 * The raw table of the series files: every value as the file has it (local clock time, column as named), with
 * what the import said about the file (dataset, zone, currency) and the series each column maps to, so that
 * curation depends on the raw layer alone.
 */
public final class SeriesTables
{
    private SeriesTables() {}

    public static final TableSpec RAW_SERIES = TableSpec.builder("raw", "epf_series",
                    "Hourly series files (epftoolbox and deepforkit layouts) as supplied: one row per accepted line and value column "
                            + "(rejected lines are in curated.quarantine)")
            .required("fetch_id", StringType, "raw.fetch_log row of the file this line came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("line_number", IntegerType, "Line in the file (the header is line 1)")
            .required("local_date", DateType, "Date of the line's timestamp, local wall-clock time of the dataset's zone")
            .required("clock_hour", IntegerType, "Hour of the line's timestamp, 0..23, local wall-clock time (hour beginning)")
            .required("column_number", IntegerType, "Position of the column in the header, 1-based (1 is the timestamp)")
            .required("column_name", StringType, "Name of the column in the header, trimmed")
            .optional("value", DoubleType, "The value as written; null where the field is empty")
            .required("series", StringType, "Canonical series the column maps to: price_per_mwh, load_forecast_mw, ..., exogenous_<n> for an unknown column")
            .required("unit", StringType, "Unit of the series: MW, currency/MWh for the price, unknown")
            .required("location_id", StringType, "Location the column is for")
            .required("format", StringType, "Layout of the file: epftoolbox or deepforkit")
            .required("dataset_name", StringType, "Dataset the file was imported as, e.g. NP, PJM, DE_LU")
            .required("time_zone", StringType, "Zone the local timestamps were read in, e.g. Europe/Oslo")
            .required("market", StringType, "Market the dataset's prices belong to, e.g. NORDPOOL, ENTSOE")
            .required("location_type", StringType, "Type of the price location: system, zone or area")
            .optional("currency", StringType, "ISO 4217 code of the prices; null when the import refused to name one (the prices are then not curated)")
            .key("fetch_id", "line_number", "column_number")
            .partitionedBy("years(local_date)")
            .build();
}
