package io.energylakehouse.etl.source.epf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * How a file's columns map to series and locations. Format drift is data here: each header variant the
 * published files use has its own column map (the exogenous series of the five epftoolbox files are different
 * quantities for different areas), and any other header is read by a rule: epftoolbox by position (column 2
 * the price, columns 3.. day-ahead forecasts classified by the words in their names), deepforkit by column
 * name. A column the rule cannot classify is kept as {@code exogenous_<n>} with unit {@code unknown}.
 *
 * @param variant the header variant recognised, e.g. {@code epftoolbox NP}, or {@code epftoolbox (other header)}
 * @param columns every column but the timestamp, in header order; exactly one is the price
 */
public record SeriesLayout(String variant, List<SeriesColumn> columns)
{
    /** The dataset's own location, for column maps that do not name one. */
    private static final String DATASET_LOCATION = "";

    private static final List<KnownHeader> EPFTOOLBOX_HEADERS = List.of(
            new KnownHeader("epftoolbox NP", List.of("Date", "Price", "Grid load forecast", "Wind power forecast"),
                    List.of(new Meaning(Series.PRICE_PER_MWH, DATASET_LOCATION), new Meaning(Series.LOAD_FORECAST_MW, DATASET_LOCATION),
                            new Meaning(Series.WIND_FORECAST_MW, DATASET_LOCATION))),
            // the PJM system (RTO) load forecast and the COMED zone's own
            new KnownHeader("epftoolbox PJM", List.of("Date", "Zonal COMED price", "System load forecast", "Zonal COMED load foecast"),
                    List.of(new Meaning(Series.PRICE_PER_MWH, DATASET_LOCATION), new Meaning(Series.LOAD_FORECAST_MW, "RTO"),
                            new Meaning(Series.LOAD_FORECAST_MW, "COMED"))),
            // BE and FR: the exogenous series of both files are French (as in the paper; the two files' are identical)
            new KnownHeader("epftoolbox BE/FR", List.of("Date", "Prices", "Generation forecast", "System load forecast"),
                    List.of(new Meaning(Series.PRICE_PER_MWH, DATASET_LOCATION), new Meaning(Series.GENERATION_FORECAST_MW, "FR"),
                            new Meaning(Series.LOAD_FORECAST_MW, "FR"))),
            // the Amprion TSO zone's load forecast and Germany's wind and solar forecast
            new KnownHeader("epftoolbox DE", List.of("", "Price", "Ampirion Load Forecast", "PV+Wind Forecast"),
                    List.of(new Meaning(Series.PRICE_PER_MWH, DATASET_LOCATION), new Meaning(Series.LOAD_FORECAST_MW, "AMPRION"),
                            new Meaning(Series.WIND_SOLAR_FORECAST_MW, "DE"))));

    /** deepforkit's columns by name (ENTSO-E series of the file's bidding zone). */
    private static final Map<String, Series> DEEPFORKIT_COLUMNS = deepforkitColumns();
    /** The column a deepforkit file cannot do without. */
    static final String DEEPFORKIT_PRICE = "Price_DA";

    public SeriesLayout
    {
        requireNonNull(variant, "variant is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.stream().filter(SeriesColumn::isPrice).count() != 1) {
            throw new IllegalArgumentException("a layout has exactly one price column: " + columns);
        }
    }

    private static Map<String, Series> deepforkitColumns()
    {
        Map<String, Series> columns = new LinkedHashMap<>();
        columns.put("price_da", Series.PRICE_PER_MWH);
        columns.put("load_da", Series.LOAD_FORECAST_MW);
        // the actual load: measured after delivery, never a forecast
        columns.put("load_ac", Series.LOAD_ACTUAL_MW);
        // ENTSO-E's day-ahead aggregated generation forecast (scheduled generation)
        columns.put("gen_sc", Series.GENERATION_FORECAST_MW);
        columns.put("sol_da", Series.SOLAR_FORECAST_MW);
        columns.put("won_da", Series.WIND_ONSHORE_FORECAST_MW);
        columns.put("woff_da", Series.WIND_OFFSHORE_FORECAST_MW);
        return Map.copyOf(columns);
    }

    /**
     * The layout of a header row (names trimmed, byte-order mark removed), or why the header cannot be this
     * format's: fewer than two columns, or a deepforkit header without {@code Price_DA} or naming a column twice.
     */
    public static Result of(SeriesFormat format, List<String> names, SeriesDataset dataset)
    {
        if (names.size() < 2) {
            return Result.failure(String.format("header %s has %d column%s; expected a timestamp, the price and any exogenous columns", names, names.size(),
                    names.size() == 1 ? "" : "s"));
        }
        return switch (format) {
            case EPFTOOLBOX -> Result.success(epftoolbox(names, dataset));
            case DEEPFORKIT -> deepforkit(names, dataset);
        };
    }

    private static SeriesLayout epftoolbox(List<String> names, SeriesDataset dataset)
    {
        for (KnownHeader known : EPFTOOLBOX_HEADERS) {
            if (known.matches(names)) {
                List<SeriesColumn> columns = new ArrayList<>();
                for (int i = 1; i < names.size(); i++) {
                    Meaning meaning = known.meanings.get(i - 1);
                    columns.add(SeriesColumn.of(i + 1, names.get(i), meaning.series, meaning.location.equals(DATASET_LOCATION) ? dataset.locationId() : meaning.location));
                }
                return new SeriesLayout(known.variant, columns);
            }
        }
        List<SeriesColumn> columns = new ArrayList<>();
        columns.add(SeriesColumn.of(2, names.get(1), Series.PRICE_PER_MWH, dataset.locationId()));
        Set<Series> used = new HashSet<>();
        for (int i = 2; i < names.size(); i++) {
            Optional<Series> series = classify(names.get(i)).filter(used::add);
            columns.add(series.isPresent()
                    ? SeriesColumn.of(i + 1, names.get(i), series.get(), dataset.locationId())
                    : SeriesColumn.unknown(i + 1, names.get(i), dataset.locationId()));
        }
        return new SeriesLayout("epftoolbox (other header)", columns);
    }

    /** An epftoolbox exogenous column by the words in its name; empty when none says what it is. */
    static Optional<Series> classify(String headerName)
    {
        String name = headerName.toLowerCase(Locale.ROOT);
        boolean wind = name.contains("wind");
        boolean solar = name.contains("solar") || name.contains("pv");
        if (name.contains("load")) {
            return Optional.of(Series.LOAD_FORECAST_MW);
        }
        if (wind && solar) {
            return Optional.of(Series.WIND_SOLAR_FORECAST_MW);
        }
        if (wind) {
            return Optional.of(Series.WIND_FORECAST_MW);
        }
        if (solar) {
            return Optional.of(Series.SOLAR_FORECAST_MW);
        }
        if (name.contains("generation")) {
            return Optional.of(Series.GENERATION_FORECAST_MW);
        }
        return Optional.empty();
    }

    private static Result deepforkit(List<String> names, SeriesDataset dataset)
    {
        Set<String> seen = new HashSet<>();
        List<String> repeated = names.subList(1, names.size()).stream().filter(name -> !seen.add(name.toLowerCase(Locale.ROOT))).toList();
        if (!repeated.isEmpty()) {
            return Result.failure(String.format("column%s %s named more than once in header %s", repeated.size() == 1 ? "" : "s", String.join(", ", repeated), names));
        }
        if (names.stream().skip(1).noneMatch(name -> name.equalsIgnoreCase(DEEPFORKIT_PRICE))) {
            return Result.failure(String.format("column %s missing in header %s", DEEPFORKIT_PRICE, names));
        }
        List<SeriesColumn> columns = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            Series series = DEEPFORKIT_COLUMNS.get(names.get(i).toLowerCase(Locale.ROOT));
            columns.add(series != null ? SeriesColumn.of(i + 1, names.get(i), series, dataset.locationId()) : SeriesColumn.unknown(i + 1, names.get(i), dataset.locationId()));
        }
        return Result.success(new SeriesLayout("deepforkit", columns));
    }

    public SeriesColumn priceColumn()
    {
        return columns.stream().filter(SeriesColumn::isPrice).findFirst().orElseThrow();
    }

    public List<SeriesColumn> exogenousColumns()
    {
        return columns.stream().filter(column -> !column.isPrice()).toList();
    }

    /** For the fetch log: {@code variant: 'Price' -> price_per_mwh@SYSTEM, ...}. */
    public String describe()
    {
        return variant + ": " + columns.stream().map(SeriesColumn::describe).collect(Collectors.joining(", "));
    }

    /** A layout, or why the header is not one. */
    public record Result(Optional<SeriesLayout> layout, Optional<String> problem)
    {
        public Result
        {
            requireNonNull(layout, "layout is null");
            requireNonNull(problem, "problem is null");
        }

        static Result success(SeriesLayout layout)
        {
            return new Result(Optional.of(layout), Optional.empty());
        }

        static Result failure(String problem)
        {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }

    private record KnownHeader(String variant, List<String> names, List<Meaning> meanings)
    {
        boolean matches(List<String> header)
        {
            if (header.size() != names.size()) {
                return false;
            }
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).equalsIgnoreCase(header.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** @param location a fixed location id, or {@link #DATASET_LOCATION} for the dataset's */
    private record Meaning(Series series, String location) {}
}
