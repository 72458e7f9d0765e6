package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.series.DailyPanel;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.LandedRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;

/**
 * Builds a {@link DailyPanel} from the curated tables: the latest revision of every key, read at one snapshot
 * of each table (reported with the panel), laid on consecutive local days of a zone with 24 clock hours. A
 * clock hour's cell is the mean of the intervals starting in it, so the repeated hour of a fall-back day is the
 * mean of its two intervals; the missing clock hour of a spring-forward day is the mean of its neighbours. Both
 * count as filled. Any curated series works: an imported epftoolbox file, or a hub's prices in
 * {@code curated.market_prices} with load from {@code curated.fundamentals}.
 *
 * <pre>{@code
 * PanelRead read = new PanelReader(lakehouse).panel("NP", ZoneId.of("Europe/Oslo"))
 *         .prices("NORDPOOL", "SYSTEM")
 *         .exogenous("NORDPOOL", "load_forecast_mw", "SYSTEM")
 *         .days(LocalDate.of(2013, 1, 1), LocalDate.of(2014, 1, 1))
 *         .execute();
 * }</pre>
 */
public final class PanelReader
{
    private static final Logger log = LoggerFactory.getLogger(PanelReader.class);

    private final Lakehouse lakehouse;

    public PanelReader(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public Builder panel(String name, ZoneId zone)
    {
        return new Builder(name, zone);
    }

    /**
     * The panel of an imported series dataset: its prices, and its exogenous columns in the file's order (as
     * {@code raw.epf_series} holds them), in the dataset's zone.
     */
    public Builder imported(SeriesDataset dataset)
    {
        Builder builder = panel(dataset.name(), dataset.zone()).prices(dataset.market(), dataset.locationId());
        List<Row> columns = LandedRows.committed(lakehouse.read(SeriesTables.RAW_SERIES), lakehouse.read(CanonicalTables.FETCH_LOG))
                .where(col("format").equalTo(dataset.format().code()).and(col("dataset_name").equalTo(dataset.name()))
                        .and(col("series").notEqual(Series.PRICE_PER_MWH.code())))
                .groupBy("series", "location_id").agg(min("column_number").as("column_number"))
                .orderBy("column_number").collectAsList();
        for (Row column : columns) {
            builder.exogenous(dataset.market(), column.getString(0), column.getString(1));
        }
        return builder;
    }

    /** One exogenous series of a panel: {@code series} at {@code locationId} of {@code market} in {@code curated.fundamentals}. */
    public record Exogenous(String market, String series, String locationId)
    {
        public Exogenous
        {
            requireNonNull(market, "market is null");
            requireNonNull(series, "series is null");
            requireNonNull(locationId, "locationId is null");
        }

        /** The panel's name of the series, e.g. {@code load_forecast_mw@SYSTEM}. */
        public String label()
        {
            return series + "@" + locationId;
        }
    }

    public final class Builder
    {
        private final String name;
        private final ZoneId zone;
        private String market;
        private String dataset = SeriesSource.DATASET;
        private String locationId;
        private final List<Exogenous> exogenous = new ArrayList<>();
        private Optional<LocalDate> from = Optional.empty();
        private Optional<LocalDate> to = Optional.empty();

        private Builder(String name, ZoneId zone)
        {
            this.name = requireNonNull(name, "name is null");
            this.zone = requireNonNull(zone, "zone is null");
        }

        /** The prices: {@code dataset} {@code da_hourly} of a location in {@code curated.market_prices}. */
        public Builder prices(String market, String locationId)
        {
            return prices(market, SeriesSource.DATASET, locationId);
        }

        public Builder prices(String market, String dataset, String locationId)
        {
            this.market = requireNonNull(market, "market is null");
            this.dataset = requireNonNull(dataset, "dataset is null");
            this.locationId = requireNonNull(locationId, "locationId is null");
            return this;
        }

        public Builder exogenous(String market, String series, String locationId)
        {
            Exogenous added = new Exogenous(market, series, locationId);
            if (exogenous.contains(added)) {
                throw LakehouseException.userError("Cannot read panel %s: exogenous series %s of %s named twice", name, added.label(), market);
            }
            exogenous.add(added);
            return this;
        }

        /** Local days {@code [from, to)}; without, the days from the first to the last with a price. */
        public Builder days(LocalDate from, LocalDate to)
        {
            if (!to.isAfter(from)) {
                throw LakehouseException.userError("Cannot read panel %s for days %s..%s: the end is not after the start", name, from, to);
            }
            this.from = Optional.of(from);
            this.to = Optional.of(to);
            return this;
        }

        public PanelRead execute()
        {
            if (market == null) {
                throw LakehouseException.userError("Cannot read panel %s: no prices named (call prices(market, location))", name);
            }
            Map<String, Long> snapshots = new LinkedHashMap<>();
            Dataset<Row> prices = atSnapshot(CanonicalTables.MARKET_PRICES, snapshots)
                    .where(col("market").equalTo(market).and(col("dataset").equalTo(dataset)).and(col("location_id").equalTo(locationId)));
            List<Row> priceCells = cells(latest(prices, "dataset"), "price_per_mwh", "currency");
            if (priceCells.isEmpty()) {
                throw LakehouseException.userError("Cannot read panel %s: curated.market_prices holds no %s prices of %s at %s%s (snapshot %s)", name, dataset,
                        market, locationId, from.map(day -> " on " + day + ".." + to.get()).orElse(""), snapshots.get(CanonicalTables.MARKET_PRICES.identifier()));
            }
            List<String> currencies = priceCells.stream().flatMap(cell -> java.util.stream.Stream.of(cell.getString(7), cell.getString(8))).distinct().sorted().toList();
            if (currencies.size() != 1) {
                throw LakehouseException.badData("Cannot read panel %s: the prices of %s at %s are in %d currencies %s", name, market, locationId, currencies.size(), currencies);
            }
            LocalDate firstDay = from.orElse(priceCells.get(0).getLocalDate(2));
            LocalDate endDay = to.orElse(priceCells.get(priceCells.size() - 1).getLocalDate(2).plusDays(1));
            int days = Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(firstDay, endDay));
            Grid priceGrid = new Grid(zone, firstDay, days);
            priceCells.forEach(priceGrid::add);

            Map<String, Grid> exogenousGrids = new LinkedHashMap<>();
            exogenous.forEach(series -> exogenousGrids.put(series.market + "|" + series.label(), new Grid(zone, firstDay, days)));
            if (!exogenous.isEmpty()) {
                Column wanted = exogenous.stream()
                        .map(series -> col("market").equalTo(series.market).and(col("series").equalTo(series.series)).and(col("location_id").equalTo(series.locationId)))
                        .reduce(Column::or).orElseThrow();
                Dataset<Row> fundamentals = atSnapshot(CanonicalTables.FUNDAMENTALS, snapshots).where(wanted);
                for (Row cell : cells(latest(fundamentals, "series"), "value", "unit")) {
                    exogenousGrids.get(cell.getString(0) + "|" + cell.getString(1)).add(cell);
                }
            }
            int filled = priceGrid.fill();
            int missing = priceGrid.missing();
            double[][][] exogenousValues = new double[exogenous.size()][][];
            int k = 0;
            for (Grid grid : exogenousGrids.values()) {
                filled += grid.fill();
                missing += grid.missing();
                exogenousValues[k++] = grid.values;
            }
            DailyPanel panel = new DailyPanel(name, zone, firstDay, priceGrid.values, exogenous.stream().map(Exogenous::label).toList(), exogenousValues,
                    currencies.get(0), filled);
            log.info("Stage panel: {} {}..{} ({} days, {} exogenous) from snapshots {}: {} cells filled, {} missing",
                    name, firstDay, endDay, days, exogenous.size(), snapshots, filled, missing);
            return new PanelRead(panel, snapshots, filled, missing);
        }

        private Dataset<Row> atSnapshot(TableSpec table, Map<String, Long> snapshots)
        {
            OptionalLong snapshot = lakehouse.currentSnapshotId(table);
            if (snapshot.isEmpty()) {
                throw LakehouseException.userError("Cannot read panel %s: %s is empty", name, table.identifier());
            }
            snapshots.put(table.identifier(), snapshot.getAsLong());
            Dataset<Row> rows = lakehouse.readAtSnapshot(table, snapshot.getAsLong());
            if (from.isPresent()) {
                // a local day of the panel's zone lies within a day of the market's operating date on either side
                rows = rows.where(col("operating_date").between(from.get().minusDays(1), to.get()));
            }
            return rows;
        }

        private Dataset<Row> latest(Dataset<Row> rows, String datasetColumn)
        {
            Column[] key = {col("market"), col(datasetColumn), col("location_id"), col("interval_start_utc")};
            return rows.withColumn("_rank", row_number().over(Window.partitionBy(key).orderBy(col("revision").desc()))).where(col("_rank").equalTo(1));
        }

        /**
         * The clock-hour cells of the zone, one row each, ordered: {@code market, label (series@location), local_date,
         * clock_hour, value} (mean of the intervals starting in the hour), {@code occurrences} (distinct UTC offsets: 2
         * when both passes of a repeated hour hold a value), {@code max_minutes}, and the least and greatest of
         * {@code tagColumn} (the currency of prices, the unit of fundamentals).
         */
        private List<Row> cells(Dataset<Row> rows, String valueColumn, String tagColumn)
        {
            Column local = from_utc_timestamp(col("interval_start_utc"), zone.getId());
            Column label = valueColumn.equals("value") ? concat(col("series"), lit("@"), col("location_id")) : lit("prices");
            Dataset<Row> cells = rows.where(col(valueColumn).isNotNull())
                    .withColumn("_local", local)
                    .groupBy(col("market"), label.as("label"), to_date(col("_local")).as("local_date"), hour(col("_local")).as("clock_hour"))
                    .agg(avg(col(valueColumn)).as("value"),
                            countDistinct(unix_seconds(col("_local")).minus(unix_seconds(col("interval_start_utc")))).as("occurrences"),
                            max(col("interval_minutes")).as("max_minutes"), min(col(tagColumn)).as("least_tag"), max(col(tagColumn)).as("greatest_tag"));
            if (from.isPresent()) {
                cells = cells.where(col("local_date").geq(lit(from.get())).and(col("local_date").lt(lit(to.get()))));
            }
            List<Row> collected = cells.orderBy("label", "local_date", "clock_hour").collectAsList();
            for (Row cell : collected) {
                if (cell.getInt(6) > 60) {
                    throw LakehouseException.badData("Cannot read panel %s: %s %s holds %d-minute intervals on %s, longer than a clock hour", name, cell.getString(1),
                            valueColumn, cell.getInt(6), cell.getLocalDate(2));
                }
            }
            return collected;
        }
    }

    /** One series on the panel's grid while it is being filled. */
    private static final class Grid
    {
        private final ZoneId zone;
        private final LocalDate firstDay;
        private final double[][] values;
        private int twoIntervalCells;

        Grid(ZoneId zone, LocalDate firstDay, int days)
        {
            this.zone = zone;
            this.firstDay = firstDay;
            this.values = new double[days][DailyPanel.HOURS];
            for (double[] day : values) {
                Arrays.fill(day, Double.NaN);
            }
        }

        /** A cell of {@link Builder#cells}; cells outside the panel's days are ignored. */
        void add(Row cell)
        {
            int day = Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(firstDay, cell.getLocalDate(2)));
            if (day < 0 || day >= values.length) {
                return;
            }
            values[day][cell.getInt(3)] = cell.getDouble(4);
            if (cell.getLong(5) > 1) {
                twoIntervalCells++;
            }
        }

        /** Fills each empty clock hour the zone skips with the mean of its neighbours; returns the cells made (with the repeated hours' means). */
        int fill()
        {
            int filled = twoIntervalCells;
            for (int day = 0; day < values.length; day++) {
                for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                    if (Double.isNaN(values[day][hour]) && ClockHours.of(zone, firstDay.plusDays(day), hour).kind() == ClockHours.Kind.NONEXISTENT) {
                        double mean = (neighbour(day, hour, -1) + neighbour(day, hour, 1)) / 2;
                        if (!Double.isNaN(mean)) {
                            values[day][hour] = mean;
                            filled++;
                        }
                    }
                }
            }
            return filled;
        }

        private double neighbour(int day, int hour, int step)
        {
            int cell = day * DailyPanel.HOURS + hour + step;
            if (cell < 0 || cell >= values.length * DailyPanel.HOURS) {
                return Double.NaN;
            }
            return values[cell / DailyPanel.HOURS][cell % DailyPanel.HOURS];
        }

        int missing()
        {
            int missing = 0;
            for (double[] day : values) {
                for (double value : day) {
                    if (Double.isNaN(value)) {
                        missing++;
                    }
                }
            }
            return missing;
        }
    }
}
