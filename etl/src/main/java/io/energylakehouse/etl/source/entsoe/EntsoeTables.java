package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw tables of the ENTSO-E connector: one per document type, one row per published Point with its series' and period's attributes, typed. */
public final class EntsoeTables
{
    private EntsoeTables() {}

    public static final TableSpec RAW_A44 = rawTable(EntsoeReport.A44, "EUR per MWh as currency_Unit.name and price_Measure_Unit.name say");
    public static final TableSpec RAW_A65 = rawTable(EntsoeReport.A65, "MW (quantity_Measure_Unit.name MAW)");
    public static final TableSpec RAW_A69 = rawTable(EntsoeReport.A69, "MW (quantity_Measure_Unit.name MAW)");

    public static TableSpec rawTable(EntsoeReport report)
    {
        return switch (report) {
            case A44 -> RAW_A44;
            case A65 -> RAW_A65;
            case A69 -> RAW_A69;
        };
    }

    private static TableSpec rawTable(EntsoeReport report, String valueDoc)
    {
        return TableSpec.builder("raw", report.rawTableName(), "ENTSO-E Transparency Platform " + report.documentType() + " documents as published: "
                        + report.title() + "; one row per Point as sent (A03 gaps are not filled here)")
                .required("fetch_id", StringType, "raw.fetch_log row of the document this point came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("point_number", IntegerType, "Place of the Point in the document, 1-based")
                .required("line_number", IntegerType, "XML line of the Point element")
                .required("time_series_number", IntegerType, "Place of its TimeSeries in the document, 1-based")
                .optional("time_series_mrid", StringType, "TimeSeries/mRID")
                .optional("business_type", StringType, "TimeSeries/businessType, e.g. A62 spot price, A04 consumption, A93 wind generation")
                .optional("process_type", StringType, "process.processType of the document: A16 realised, A01 day-ahead; null where absent (A44)")
                .optional("contract_type", StringType, "TimeSeries/contract_MarketAgreement.type: A01 day-ahead, A07 intraday; null where absent")
                .required("zone_eic", StringType, "EIC of the bidding zone: in_Domain.mRID (A44, A69) or outBiddingZone_Domain.mRID (A65)")
                .optional("psr_type", StringType, "MktPSRType/psrType: B16 solar, B18 wind offshore, B19 wind onshore; null where absent")
                .optional("classification_sequence", IntegerType, "classificationSequence_AttributeInstanceComponent.position: 1 SDAC, 2 EXAA "
                        + "(DE_LU, AT); null where absent")
                .optional("currency", StringType, "currency_Unit.name, e.g. EUR; null where absent")
                .optional("measure_unit", StringType, "price_Measure_Unit.name (MWH) or quantity_Measure_Unit.name (MAW)")
                .optional("curve_type", StringType, "curveType: A01 sequential fixed size blocks, A03 variable sized blocks (a missing position "
                        + "repeats the previous value)")
                .required("resolution", StringType, "Period/resolution as published: PT60M, PT30M, PT15M")
                .required("period_start_utc", TimestampType, "Period/timeInterval/start, UTC")
                .required("period_end_utc", TimestampType, "Period/timeInterval/end, UTC")
                .required("position", IntegerType, "Point/position, 1-based within the period")
                .required("interval_start_utc", TimestampType, "period start + (position - 1) x resolution")
                .required("interval_end_utc", TimestampType, "interval start + resolution")
                .required(report.valueColumn(), DoubleType, "Point/" + report.valueElement() + ": " + valueDoc)
                .optional("created_at_utc", TimestampType, "createdDateTime of the document")
                .key("fetch_id", "point_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
