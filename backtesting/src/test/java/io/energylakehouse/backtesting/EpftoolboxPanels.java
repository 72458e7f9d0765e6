package io.energylakehouse.backtesting;

import io.energylakehouse.common.series.DailyPanel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The epftoolbox benchmark files of ../shared, read directly for model tests (the production path goes through
 * raw and curated: etl's series import). 24 rows per day from midnight, as the files are.
 */
final class EpftoolboxPanels
{
    static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("data/epf");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EpftoolboxPanels() {}

    static boolean available()
    {
        return Files.isDirectory(SHARED.resolve("datasets"));
    }

    static DailyPanel panel(String market)
            throws IOException
    {
        List<String> lines = Files.readAllLines(SHARED.resolve("datasets/" + market + ".csv"));
        int rows = lines.size() - 1;
        int exogenous = lines.get(0).split(",").length - 2;
        int days = rows / 24;
        double[][] prices = new double[days][24];
        double[][][] exog = new double[exogenous][days][24];
        LocalDate first = LocalDateTime.parse(lines.get(1).split(",")[0], TIMESTAMP).toLocalDate();
        for (int r = 0; r < days * 24; r++) {
            String[] fields = lines.get(r + 1).split(",");
            prices[r / 24][r % 24] = Double.parseDouble(fields[1]);
            for (int k = 0; k < exogenous; k++) {
                exog[k][r / 24][r % 24] = Double.parseDouble(fields[2 + k]);
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < exogenous; k++) {
            names.add("exogenous_" + (k + 1));
        }
        return new DailyPanel(market, ZoneId.of("UTC"), first, prices, names, exog, "EUR", 0);
    }

    /** The official forecasts file: [column][hour of test period]; column 0 is the real price. */
    static double[][] forecasts(String market)
            throws IOException
    {
        List<String> lines = Files.readAllLines(SHARED.resolve("forecasts/Forecasts_" + market + "_DNN_LEAR_ensembles.csv"));
        int columns = lines.get(0).split(",").length - 1;
        double[][] values = new double[columns][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] fields = lines.get(r).split(",");
            for (int c = 0; c < columns; c++) {
                values[c][r - 1] = Double.parseDouble(fields[c + 1]);
            }
        }
        return values;
    }

    static List<String> forecastColumns(String market)
            throws IOException
    {
        String header = Files.readAllLines(SHARED.resolve("forecasts/Forecasts_" + market + "_DNN_LEAR_ensembles.csv")).get(0);
        List<String> columns = new ArrayList<>(List.of(header.split(",")));
        columns.remove(0);
        return columns;
    }

    static LocalDate firstForecastDay(String market)
            throws IOException
    {
        String line = Files.readAllLines(SHARED.resolve("forecasts/Forecasts_" + market + "_DNN_LEAR_ensembles.csv")).get(1);
        return LocalDateTime.parse(line.split(",")[0], TIMESTAMP).toLocalDate();
    }
}
