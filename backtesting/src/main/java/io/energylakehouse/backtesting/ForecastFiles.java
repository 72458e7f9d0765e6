package io.energylakehouse.backtesting;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.csv.CsvLine;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Hourly forecast sets for comparisons, from either layout: our {@code forecasts.csv} (delivery_date, hour,
 * actual_price, forecast_price, quantiles, members; a backtest's folder may be given instead of the file) or
 * epftoolbox's published forecast files (a timestamp column, {@code Real price}, one column per model).
 */
public final class ForecastFiles
{
    /** Real prices of two sets this close (the published files' resolution, a cent) are the same observation. */
    static final double SAME_PRICE = 0.01;

    private ForecastFiles() {}

    /** One forecast column keyed by local delivery hour ({@code 2017-01-01T05:00}), with the prices that came true. */
    public record ForecastSet(String label, Map<LocalDateTime, double[]> realAndForecast)
    {
        public ForecastSet
        {
            requireNonNull(label, "label is null");
            realAndForecast = new TreeMap<>(realAndForecast);
        }
    }

    /** Two sets on the hours they share, in order, as whole days. */
    public record Aligned(double[] real, double[] first, double[] second, int days, LocalDateTime from, LocalDateTime to) {}

    /** {@code spec} is FILE_OR_DIR[:COLUMN]; the column defaults to forecast_price (ours) or must be named (epftoolbox). */
    public static ForecastSet read(String spec)
    {
        String location = spec;
        String column = null;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && !Files.exists(Path.of(spec))) {
            location = spec.substring(0, colon);
            column = spec.substring(colon + 1);
        }
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            path = path.resolve("forecasts.csv");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        }
        catch (MalformedInputException e) {
            throw new IllegalArgumentException("Cannot read forecasts " + path + ": not UTF-8 text", e);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read forecasts " + path + ": " + FileErrors.reason(e), e);
        }
        if (lines.size() < 2) {
            throw new IllegalArgumentException("Cannot read forecasts " + path + ": no rows");
        }
        List<String> header = CsvLine.split(lines.get(0));
        boolean ours = header.contains("delivery_date") && header.contains("hour");
        String realColumn = ours ? "actual_price" : "Real price";
        String forecastColumn = column != null ? column : ours ? "forecast_price" : null;
        if (forecastColumn == null) {
            throw new IllegalArgumentException("Cannot read forecasts " + path + ": name the column after a colon, one of " + header.subList(Math.min(2, header.size()), header.size()));
        }
        int real = header.indexOf(realColumn);
        int forecast = header.indexOf(forecastColumn);
        if (real < 0 || forecast < 0) {
            throw new IllegalArgumentException("Cannot read forecasts " + path + ": no column '" + (real < 0 ? realColumn : forecastColumn) + "' in " + header);
        }
        Map<LocalDateTime, double[]> values = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> fields = CsvLine.split(lines.get(i));
            try {
                LocalDateTime hour = ours
                        ? java.time.LocalDate.parse(fields.get(header.indexOf("delivery_date"))).atTime(Integer.parseInt(fields.get(header.indexOf("hour"))), 0)
                        : LocalDateTime.parse(fields.get(0).replace(' ', 'T'));
                if (values.put(hour, new double[] {Double.parseDouble(fields.get(real)), Double.parseDouble(fields.get(forecast))}) != null) {
                    throw new IllegalArgumentException("Cannot read forecasts " + path + " line " + (i + 1) + ": hour " + hour + " appears twice");
                }
            }
            catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("Cannot read forecasts " + path + " line " + (i + 1) + ": " + e.getMessage() + ": " + lines.get(i), e);
            }
        }
        return new ForecastSet(path + ":" + forecastColumn, values);
    }

    /** The whole days both sets forecast; the prices that came true must agree (they are the same market). */
    public static Aligned align(ForecastSet first, ForecastSet second)
    {
        Map<java.time.LocalDate, Integer> hoursPerDay = new TreeMap<>();
        for (LocalDateTime hour : first.realAndForecast().keySet()) {
            if (second.realAndForecast().containsKey(hour)) {
                hoursPerDay.merge(hour.toLocalDate(), 1, Integer::sum);
            }
        }
        List<LocalDateTime> hours = new ArrayList<>();
        for (Map.Entry<java.time.LocalDate, Integer> day : hoursPerDay.entrySet()) {
            if (day.getValue() == 24) {
                for (int h = 0; h < 24; h++) {
                    hours.add(day.getKey().atTime(h, 0));
                }
            }
        }
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("Cannot compare " + first.label() + " with " + second.label() + ": they share no whole day");
        }
        double[] real = new double[hours.size()];
        double[] a = new double[hours.size()];
        double[] b = new double[hours.size()];
        for (int i = 0; i < hours.size(); i++) {
            double[] x = first.realAndForecast().get(hours.get(i));
            double[] y = second.realAndForecast().get(hours.get(i));
            // Published prices have two decimals, and a spring-forward day's clock hour, which has no real instant, was
            // filled by the file's authors with the mean of its neighbours rounded to the cent (DE 2017-03-26 02:00:
            // 27.46) where our panel keeps the exact mean (27.455): a cent apart is the same series.
            if (Math.abs(x[0] - y[0]) > SAME_PRICE + 1e-6 * Math.abs(x[0])) {
                throw new IllegalArgumentException("Cannot compare " + first.label() + " with " + second.label() + ": the real price of " + hours.get(i)
                        + " differs (" + x[0] + " vs " + y[0] + "): not the same series");
            }
            real[i] = x[0];
            a[i] = x[1];
            b[i] = y[1];
        }
        return new Aligned(real, a, b, hours.size() / 24, hours.get(0), hours.get(hours.size() - 1));
    }
}
