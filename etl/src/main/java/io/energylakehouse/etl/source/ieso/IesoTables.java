package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;
import org.apache.spark.sql.types.DataType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * The raw tables of the IESO connector, one per report: the operator's own fields, typed and named for what they are,
 * plus lineage ({@code fetch_id}, {@code landing_id}, the line or element of the file) and the interval in UTC. The
 * columns after the lineage are declared once here ({@link #columns}) and are what {@link IesoPriceRecord#toRow} writes
 * and {@link IesoConnector#record} reads back.
 */
public final class IesoTables
{
    private IesoTables() {}

    /** A value of an {@link IesoPriceRecord}. */
    public enum Field
    {
        SOURCE_INDEX, INTERVAL_START_UTC, INTERVAL_END_UTC, DELIVERY_DATE, DELIVERY_HOUR, INTERVAL, PRICING_LOCATION, PRICE, LOSS, CONGESTION, FLAG, CREATED_AT_UTC
    }

    /** A column of a raw table after {@code fetch_id} and {@code landing_id}: the record field it holds. */
    public record Column(String name, Field field, DataType type, boolean required, String doc)
    {
        public Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(field, "field is null");
            requireNonNull(type, "type is null");
            requireNonNull(doc, "doc is null");
        }
    }

    private static final Map<IesoReport, List<Column>> COLUMNS = new EnumMap<>(IesoReport.class);
    private static final Map<IesoReport, TableSpec> TABLES = new EnumMap<>(IesoReport.class);

    static {
        for (IesoReport report : IesoReport.values()) {
            List<Column> columns = columnsOf(report);
            COLUMNS.put(report, columns);
            TABLES.put(report, table(report, columns));
        }
    }

    public static TableSpec rawTable(IesoReport report)
    {
        return TABLES.get(report);
    }

    /** The columns after {@code fetch_id} and {@code landing_id}, in order. */
    public static List<Column> columns(IesoReport report)
    {
        return COLUMNS.get(report);
    }

    public static List<TableSpec> rawTables()
    {
        return List.copyOf(TABLES.values());
    }

    private static List<Column> columnsOf(IesoReport report)
    {
        List<Column> columns = new ArrayList<>();
        if (report.layout() == IesoReport.Layout.ZONAL_XML) {
            columns.add(new Column("element_number", Field.SOURCE_INDEX, IntegerType, true,
                    "Ordinal (1-based) of the price element in the XML document, in document order"));
        }
        else {
            columns.add(new Column("line_number", Field.SOURCE_INDEX, IntegerType, true, report.layout() == IesoReport.Layout.HOEP_CSV
                    ? "Line in the CSV file (the first line is 1), or ordinal (1-based) of the HOEP element in the XML file" : "Line in the CSV file (the first line is 1)"));
        }
        String start = report.hasInterval() ? "delivery_date + (delivery_hour - 1) hours + (interval - 1) * 5 minutes" : "delivery_date + (delivery_hour - 1) hours";
        columns.add(new Column("interval_start_utc", Field.INTERVAL_START_UTC, TimestampType, true, "Interval start, UTC: " + start + " in EST (UTC-5, no DST)"));
        columns.add(new Column("interval_end_utc", Field.INTERVAL_END_UTC, TimestampType, true, "Interval end, UTC: the start plus " + report.intervalMinutes()
                + " minutes"));
        columns.add(new Column("delivery_date", Field.DELIVERY_DATE, DateType, true, "Delivery day (EST) as the file states it, else as its name does"));
        String hour = switch (report.layout()) {
            case LMP_CSV -> "Delivery Hour";
            case ZONAL_XML -> report.hasInterval() ? "DeliveryHour" : "PricingHour";
            case HOEP_CSV -> "the hour column (XML: Hour)";
        };
        columns.add(new Column("delivery_hour", Field.DELIVERY_HOUR, IntegerType, true, hour + ": hour ending 1..24, EST"));
        if (report.hasInterval()) {
            columns.add(new Column("interval", Field.INTERVAL, IntegerType, true, "Interval: the five-minute interval 1..12 of the delivery hour"));
        }
        switch (report.layout()) {
            case LMP_CSV -> {
                columns.add(new Column("pricing_location", Field.PRICING_LOCATION, StringType, true,
                        "Pricing Location as published, with IESO's suffix (e.g. ABC.XYZ:LMP); the canonical location id drops the suffix"));
                columns.add(new Column("lmp", Field.PRICE, DoubleType, true, "LMP: locational marginal price, CAD per MWh"));
                columns.add(new Column("energy_loss_price", Field.LOSS, DoubleType, false, "Energy Loss Price: loss component, CAD per MWh"));
                columns.add(new Column("energy_congestion_price", Field.CONGESTION, DoubleType, false,
                        "Energy Congestion Price: congestion component, CAD per MWh (negative values are normal)"));
            }
            case ZONAL_XML -> {
                String price = report.hasInterval() ? "LmpCap (or the 'Zonal Price' component of the earlier schema)" : "ZonalPrice";
                String loss = report.hasInterval() ? "LossPriceCap (or 'Energy Loss Price')" : "LossPriceCapped";
                String congestion = report.hasInterval() ? "CongPriceCap (or 'Energy Congestion Price')" : "CongestionPriceCapped";
                columns.add(new Column("zonal_price", Field.PRICE, DoubleType, true, price + ": the Ontario zonal price, CAD per MWh"));
                columns.add(new Column("loss_price", Field.LOSS, DoubleType, false, loss + ": loss component, CAD per MWh"));
                columns.add(new Column("congestion_price", Field.CONGESTION, DoubleType, false, congestion + ": congestion component, CAD per MWh"));
                if (!report.hasInterval()) {
                    columns.add(new Column("flag", Field.FLAG, StringType, false, "Flag as published, null where empty"));
                }
            }
            case HOEP_CSV -> columns.add(new Column("hoep", Field.PRICE, DoubleType, true, "HOEP: Hourly Ontario Energy Price, CAD per MWh"));
        }
        columns.add(new Column("created_at_utc", Field.CREATED_AT_UTC, TimestampType, false,
                "When IESO created the file (CREATED AT / CreatedAt, EST without offset), UTC; null where the file does not say"));
        return List.copyOf(columns);
    }

    private static TableSpec table(IesoReport report, List<Column> columns)
    {
        TableSpec.Builder builder = TableSpec.builder("raw", report.rawTableName(),
                        "IESO public report " + report.directory() + " as published: " + report.title() + "; one row per price")
                .required("fetch_id", StringType, "raw.fetch_log row of the file this price came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC);
        for (Column column : columns) {
            if (column.required()) {
                builder.required(column.name(), column.type(), column.doc());
            }
            else {
                builder.optional(column.name(), column.type(), column.doc());
            }
        }
        return builder.key("fetch_id", columns.get(0).name())
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
