package io.energylakehouse.etl.source.eia;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.etl.connector.SampleFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates SYNTHETIC EIA API v2 answers, in the exact JSON of the API and paged as {@link EiaLiveSource} stores them
 * (the pages of one request one after the other), labelled synthetic in each answer's {@code response.description} and
 * in a README beside them. Pages are short (a few rows) and the last page repeats the row before it with the same value,
 * as EIA's unstable paging does, so landing sees repeated rows collapse.
 *
 * <ul>
 * <li>{@code henry_hub_spot}: one file of the asked days that are weekdays, RNGWHHD prices as strings (as the API
 * sometimes sends them) on a random walk from 2.00 USD/MMBtu, {@code total} as a string; dated the evening after its
 * last day.</li>
 * <li>{@code storage_weekly}: one file per report week (Saturday..Friday) holding an asked day, for its week-ending
 * Friday F, as released on F + 6 at 10:30 Eastern (the file is dated just after): the weeks F - 7 and F for R48 and the
 * five regions, R48 their sum. Where the week F - 7 has a file too, this file revises its South Central (R35) and
 * Lower 48 values by +2 Bcf, so landing both files gives revision 2.</li>
 * </ul>
 * The same seed and days give the same bytes.
 */
public final class SyntheticEia
{
    static final String LABEL = "SYNTHETIC SAMPLE, NOT EIA DATA: made up by the lakehouse's sample generator";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int SPOT_PAGE_LENGTH = 3;
    static final int STORAGE_PAGE_LENGTH = 5;
    /** Regional stocks around which the synthetic weeks move, Bcf (made up, of the order of late-winter stocks). */
    private static final Map<String, Integer> BASE_STOCK = Map.of("R31", 480, "R32", 590, "R33", 160, "R34", 230, "R35", 1010);

    private final long seed;

    public SyntheticEia(long seed)
    {
        this.seed = seed;
    }

    public record GeneratedFile(EiaReport report, String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /** Writes the files of the days into {@code directory}, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the layout of EIA's open data API v2 answers "
                    + "(natural-gas/pri/fut for the Henry Hub spot price RNGWHHD, natural-gas/stor/wkly for working gas in storage), the pages of one "
                    + "request one after the other, but every value in them is made up by the lakehouse's sample generator (seed " + seed
                    + "). They are not EIA data.\n");
            List<Path> written = new ArrayList<>();
            for (GeneratedFile file : files(days)) {
                written.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc()));
            }
            return written;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write synthetic EIA files to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The spot file of the days' weekdays (if any) and a storage file per report week holding one of the days. */
    public List<GeneratedFile> files(List<LocalDate> days)
    {
        List<LocalDate> sorted = days.stream().distinct().sorted().toList();
        List<GeneratedFile> files = new ArrayList<>();
        List<LocalDate> tradeDays = sorted.stream().filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY).toList();
        if (!tradeDays.isEmpty()) {
            files.add(spot(tradeDays));
        }
        List<LocalDate> weekEndings = sorted.stream().map(day -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY))).distinct().toList();
        for (LocalDate friday : weekEndings) {
            files.add(storage(friday, weekEndings.contains(friday.minusDays(7))));
        }
        return files;
    }

    private GeneratedFile spot(List<LocalDate> tradeDays)
    {
        Random random = new Random(seed);
        double price = 2.0;
        List<ObjectNode> rows = new ArrayList<>();
        for (LocalDate day : tradeDays) {
            price = Math.max(0.5, price * (1 + random.nextGaussian() * 0.04));
            ObjectNode row = MAPPER.createObjectNode();
            row.put("period", day.toString());
            row.put("duoarea", "RGC");
            row.put("area-name", "NA");
            row.put("product", "EPG0");
            row.put("product-name", "Natural Gas");
            row.put("process", "PS0");
            row.put("process-name", "Spot Price");
            row.put("series", EiaSpotPrices.DAILY);
            row.put("series-description", EiaSpotPrices.PRODUCTS.get(EiaSpotPrices.DAILY));
            row.put("value", SampleFiles.plainDecimal(Math.round(price * 100) / 100.0));
            row.put("units", EiaSpotPrices.UNITS);
            rows.add(row);
        }
        LocalDate first = tradeDays.get(0);
        LocalDate last = tradeDays.get(tradeDays.size() - 1);
        EiaLiveSource.Request request = new EiaLiveSource.Request(EiaReport.HENRY_HUB_SPOT, first, last);
        Instant published = last.plusDays(1).atTime(LocalTime.of(17, 0)).atZone(Eia.ZONE).toInstant();
        return new GeneratedFile(EiaReport.HENRY_HUB_SPOT, "eia_henry_hub_spot_synthetic_" + compact(first) + "_" + compact(last) + ".json",
                pages(request, rows, SPOT_PAGE_LENGTH, true), published);
    }

    private GeneratedFile storage(LocalDate friday, boolean reviseWeekBefore)
    {
        List<ObjectNode> rows = new ArrayList<>();
        for (LocalDate week : List.of(friday.minusDays(7), friday)) {
            boolean revised = reviseWeekBefore && week.isBefore(friday);
            int lower48 = 0;
            List<ObjectNode> regions = new ArrayList<>();
            for (String duoarea : EiaStorage.LOCATIONS.keySet()) {
                if (duoarea.equals("R48")) {
                    continue;
                }
                int stock = stock(duoarea, week) + (revised && duoarea.equals("R35") ? 2 : 0);
                lower48 += stock;
                regions.add(storageRow(week, duoarea, stock));
            }
            rows.add(storageRow(week, "R48", lower48));
            rows.addAll(regions);
        }
        rows.sort(java.util.Comparator.comparing((ObjectNode row) -> row.get("period").asText()).thenComparing(row -> row.get("series").asText()));
        EiaLiveSource.Request request = new EiaLiveSource.Request(EiaReport.STORAGE_WEEKLY, friday.minusDays(7), friday);
        Instant published = EiaStorage.releaseAt(friday).plusSeconds(300);
        return new GeneratedFile(EiaReport.STORAGE_WEEKLY, "eia_storage_weekly_synthetic_" + compact(friday) + ".json",
                pages(request, rows, STORAGE_PAGE_LENGTH, false), published);
    }

    /** A region's stock at the end of a week: deterministic in the seed, the region and the week (so two files agree on a week). */
    private int stock(String duoarea, LocalDate week)
    {
        Random random = new Random(seed * 31 + week.toEpochDay() * 7 + duoarea.hashCode());
        double season = Math.cos((week.getDayOfYear() - 80) / 365.0 * 2 * Math.PI);
        return (int) Math.round(BASE_STOCK.get(duoarea) * (1 - 0.35 * season) + random.nextInt(21) - 10);
    }

    private static ObjectNode storageRow(LocalDate week, String duoarea, int stock)
    {
        ObjectNode row = MAPPER.createObjectNode();
        row.put("period", week.toString());
        row.put("duoarea", duoarea);
        row.put("area-name", EiaStorage.LOCATIONS.get(duoarea).toUpperCase(java.util.Locale.ROOT));
        row.put("product", "EPG0");
        row.put("product-name", "Natural Gas");
        row.put("process", "SWO");
        row.put("process-name", "Underground Storage - Working Gas");
        row.put("series", EiaStorage.seriesId(duoarea));
        row.put("series-description", "Weekly " + EiaStorage.LOCATIONS.get(duoarea) + " Natural Gas Working Underground Storage (Billion Cubic Feet)");
        row.put("value", stock);
        row.put("units", EiaStorage.UNITS);
        return row;
    }

    /** The rows as API answers of {@code length} rows each, one after the other; the last page also repeats the row before it. */
    private static byte[] pages(EiaLiveSource.Request request, List<ObjectNode> rows, int length, boolean totalAsString)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int pages = Math.max(1, (rows.size() + length - 1) / length);
        for (int page = 0; page < pages; page++) {
            int offset = page * length;
            ArrayNode data = MAPPER.createArrayNode();
            if (page == pages - 1 && page > 0 && rows.size() - offset < length) {
                // EIA's unstable paging: the last page starts with the row the page before ended with
                data.add(rows.get(offset - 1).deepCopy());
            }
            rows.subList(offset, Math.min(rows.size(), offset + length)).forEach(row -> data.add(row.deepCopy()));
            ObjectNode answer = MAPPER.createObjectNode();
            ObjectNode response = answer.putObject("response");
            if (totalAsString) {
                response.put("total", Integer.toString(rows.size()));
            }
            else {
                response.put("total", rows.size());
            }
            response.put("dateFormat", "YYYY-MM-DD");
            response.put("frequency", request.report().frequency());
            response.put("description", LABEL);
            response.set("data", data);
            ObjectNode requestNode = answer.putObject("request");
            requestNode.put("command", "/v2/" + request.report().route() + "/data/");
            ObjectNode params = requestNode.putObject("params");
            params.put("frequency", request.report().frequency());
            params.putArray("data").add("value");
            ArrayNode series = params.putObject("facets").putArray("series");
            request.report().series().forEach(series::add);
            params.put("start", request.first().toString());
            params.put("end", request.last().toString());
            ArrayNode sort = params.putArray("sort");
            sort.addObject().put("column", "period").put("direction", "asc");
            sort.addObject().put("column", "series").put("direction", "asc");
            params.put("offset", offset);
            params.put("length", length);
            answer.put("apiVersion", "2.1.8");
            try {
                if (page > 0) {
                    bytes.write('\n');
                }
                bytes.write(MAPPER.writeValueAsBytes(answer));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static String compact(LocalDate day)
    {
        return day.toString().replace("-", "");
    }
}
