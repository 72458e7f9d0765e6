package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

/** The raw table of the ECB connector: every cell of the reference-rate files, N/A included, as published. */
public final class EcbTables
{
    private EcbTables() {}

    public static final TableSpec RAW_EUROFXREF = TableSpec.builder("raw", "ecb_eurofxref",
                    "ECB euro foreign exchange reference rates as published in eurofxref-hist.csv / eurofxref.csv (in their zips) and "
                    + "eurofxref-daily.xml: one row per date and currency column, N/A cells included")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload this cell came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("member", StringType, "The file the cell is in: the payload itself, or the member of its zip")
            .required("line_number", IntegerType, "Line of the cell's row (CSV) or of its Cube element (XML)")
            .required("rate_date", DateType, "Date of the row (CSV Date column, yyyy-MM-dd or 'd MMMM yyyy') or of the enclosing Cube time (XML)")
            .required("currency", StringType, "ISO 4217 code of the column (CSV header) or Cube currency (XML)")
            .required("rate_text", StringType, "The value as published, units of currency per 1 EUR, or N/A where the ECB did not quote the currency that day")
            .optional("units_per_eur", CanonicalTables.RATE_TYPE, "rate_text as an exact decimal; null for N/A (and for a value decimal(20,8) cannot hold exactly, "
                    + "which curation refuses)")
            .key("fetch_id", "member", "line_number", "currency")
            .partitionedBy("years(rate_date)")
            .build();
}
