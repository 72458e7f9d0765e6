package io.energylakehouse.etl.source.pjm;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static java.util.Objects.requireNonNull;

/**
 * Generates SYNTHETIC Data Miner 2 pages: in the JSON format {@code api.pjm.com/api/v1/{feed}} answers
 * ({@code links}, {@code items}, {@code searchSpecification}, {@code totalRows}; timestamps without offset, prices with six
 * decimals; items not in time order; paged by {@code rowCount} with {@code rel=next} links), with made-up prices.
 * Deterministic: the same dates, pnodes and seed give the same bytes. The eight trading hubs and the zones carry their
 * real pnode ids and names; every other pnode is named {@code SYN_...} with an id from 900000000 so nobody mistakes it for
 * market data. Days are laid out in UTC: spring-forward days have 23 hours, fall-back days 25, with the EPT column
 * repeating 01:00-01:55 as PJM's does.
 *
 * <p>Prices, in cents so the total is the exact sum of its components: a system energy price with morning and evening
 * peaks and a midday solar trough, pnode-specific congestion (negative enough at some pnodes on spring middays to make
 * the LMP negative) and losses. Real-time prices follow day-ahead with noise; the verified five-minute prices equal the
 * unverified ones except for a few corrected congestion values; hourly real-time prices are the mean of the verified
 * five-minute ones. The unverified feed has no energy column, as PJM's.
 */
public final class SyntheticDataMiner
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter ISO_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter NAME_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String BASE_URL = "https://api.pjm.com/api/v1/";

    /** A pricing node as Data Miner 2 describes it. */
    public record Pnode(long id, String name, String type, String zone, String voltage, String equipment)
    {
        public Pnode
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    public record GeneratedPage(String fileName, PjmReport report, LocalDate operatingDate, int startRow, byte[] bytes) {}

    /**
     * Hubs with their real ids: EASTERN, WESTERN, WEST INT and NEW JERSEY as in gridstatus's hub list; AEP-DAYTON, N ILLINOIS,
     * DOMINION and OHIO as public secondary sources pair them. Synthetic prices either way.
     */
    public static final List<Pnode> HUBS = List.of(
            aggregate(51288, "WESTERN HUB", "HUB"),
            aggregate(51217, "EASTERN HUB", "HUB"),
            aggregate(34497127, "AEP-DAYTON HUB", "HUB"),
            aggregate(33092315, "N ILLINOIS HUB", "HUB"),
            aggregate(34497151, "DOMINION HUB", "HUB"),
            aggregate(4669664, "NEW JERSEY HUB", "HUB"),
            aggregate(51287, "WEST INT HUB", "HUB"),
            aggregate(35010337, "OHIO HUB", "HUB"));

    /** Zones with their real ids and names (as in the real rt_unverified_fivemin_lmps page of shared/fixtures/real/pjm). */
    public static final List<Pnode> ZONES = List.of(
            aggregate(1, "PJM-RTO", "ZONE"),
            aggregate(51291, "AECO", "ZONE"),
            aggregate(51292, "BGE", "ZONE"),
            aggregate(51293, "DPL", "ZONE"),
            aggregate(51297, "PECO", "ZONE"),
            aggregate(51298, "PEPCO", "ZONE"),
            aggregate(51301, "PSEG", "ZONE"),
            aggregate(8445784, "AEP", "ZONE"),
            aggregate(33092371, "COMED", "ZONE"),
            aggregate(34964545, "DOM", "ZONE"),
            aggregate(37737283, "DUQ", "ZONE"),
            aggregate(116013753, "ATSI", "ZONE"));

    private static final String[] NODE_TYPES = {"LOAD", "GEN", "AGGREGATE", "EHV", "INTERFACE"};
    private static final String[] NODE_ZONES = {"AECO", "BGE", "DPL", "PECO", "PEPCO", "PSEG", "AEP", "COMED", "DOM", "DUQ", "ATSI"};
    private static final String[] VOLTAGES = {"13 KV", "34 KV", "69 KV", "138 KV", "230 KV", "500 KV"};

    private final long seed;

    public SyntheticDataMiner(long seed)
    {
        this.seed = seed;
    }

    private static Pnode aggregate(long id, String name, String type)
    {
        return new Pnode(id, name, type, null, null, null);
    }

    /** The eight hubs, twelve zones and {@code count - 20} synthetic buses and aggregates; 50 is the demo's size. */
    public static List<Pnode> pnodes(int count)
    {
        List<Pnode> pnodes = new ArrayList<>(HUBS);
        pnodes.addAll(ZONES);
        if (count < pnodes.size()) {
            throw LakehouseException.userError("Cannot generate %d synthetic pnodes: the hubs and zones alone are %d", count, pnodes.size());
        }
        for (int i = 1; pnodes.size() < count; i++) {
            String type = NODE_TYPES[i % NODE_TYPES.length];
            String zone = NODE_ZONES[i % NODE_ZONES.length];
            boolean bus = type.equals("LOAD") || type.equals("GEN") || type.equals("EHV");
            pnodes.add(new Pnode(900_000_000L + i, String.format(Locale.ROOT, "SYN_%s_%04d", zone, i), type, zone,
                    bus ? VOLTAGES[i % VOLTAGES.length] : null, bus ? (type.equals("GEN") ? "UNIT" : "LD") + (1 + i % 4) : null));
        }
        return pnodes;
    }

    /** A file name for a page: feed, operating day, first row. */
    public static String fileName(PjmReport report, LocalDate operatingDate, int startRow)
    {
        return String.format(Locale.ROOT, "%s_%s_row%06d.json", report.feed(), NAME_DATE.format(operatingDate), startRow);
    }

    /** Every page of one report's answer for one operating day (EPT), all pnodes, {@code rowCount} items a page. */
    public List<GeneratedPage> pages(PjmReport report, LocalDate operatingDate, List<Pnode> pnodes, int rowCount)
    {
        if (rowCount < 1 || rowCount > 50_000) {
            throw LakehouseException.userError("Cannot page synthetic Data Miner answers by %d rows: Data Miner serves 1 to 50000", rowCount);
        }
        List<Instant> starts = PjmMarket.TIME.intervalStarts(operatingDate, report.intervalMinutes());
        List<long[]> items = new ArrayList<>(starts.size() * pnodes.size());
        for (int pnode = 0; pnode < pnodes.size(); pnode++) {
            for (int interval = 0; interval < starts.size(); interval++) {
                items.add(new long[] {pnode, interval});
            }
        }
        // Data Miner does not answer in time order unless asked to sort
        Collections.shuffle(items, new Random(seed * 31 + operatingDate.toEpochDay() * 7 + report.ordinal()));
        List<GeneratedPage> pages = new ArrayList<>();
        for (int first = 0; first < items.size(); first += rowCount) {
            List<long[]> page = items.subList(first, Math.min(items.size(), first + rowCount));
            pages.add(new GeneratedPage(fileName(report, operatingDate, first + 1), report, operatingDate, first + 1,
                    page(report, operatingDate, pnodes, starts, page, first + 1, rowCount, items.size())));
        }
        return pages;
    }

    /** Writes every page of the four reports for each day, with a README saying the data is synthetic; returns the files in order. */
    public List<Path> write(Path directory, List<LocalDate> operatingDates, List<Pnode> pnodes, int rowCount)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the exact JSON page format of PJM Data Miner 2 "
                    + "(api.pjm.com/api/v1/da_hrl_lmps, rt_hrl_lmps, rt_fivemin_hrl_lmps, rt_unverified_fivemin_lmps) but their prices are made up "
                    + "by the lakehouse's sample generator (seed " + seed + "). They are not market data.\n");
            List<Path> files = new ArrayList<>();
            for (LocalDate date : operatingDates) {
                for (PjmReport report : PjmReport.values()) {
                    for (GeneratedPage page : pages(report, date, pnodes, rowCount)) {
                        files.add(io.energylakehouse.etl.connector.SampleFiles.write(directory, page.fileName(), page.bytes(), postedAt(report, date)));
                    }
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic Data Miner pages to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /**
     * When PJM would have posted the feed's data of a day, Eastern time: day-ahead LMPs the afternoon before, the
     * unverified five-minute LMPs as the day ends, the settlement-verified real-time LMPs the next day, after them. The
     * files are dated so, and curation orders a key's values by it: unverified first, verified later.
     */
    static Instant postedAt(PjmReport report, LocalDate operatingDate)
    {
        java.time.ZoneId eastern = java.time.ZoneId.of("America/New_York");
        return switch (report.verification()) {
            case FINAL -> operatingDate.minusDays(1).atTime(13, 30).atZone(eastern).toInstant();
            case UNVERIFIED -> operatingDate.plusDays(1).atTime(0, 10).atZone(eastern).toInstant();
            case VERIFIED -> operatingDate.plusDays(1).atTime(14, 0).atZone(eastern).toInstant();
        };
    }

    private byte[] page(PjmReport report, LocalDate operatingDate, List<Pnode> pnodes, List<Instant> starts, List<long[]> items, int startRow, int rowCount,
            int totalRows)
    {
        List<String> fields = fields(report);
        LocalDateTime dayStart = operatingDate.atStartOfDay();
        String window = ISO_MINUTES.format(dayStart) + "to" + ISO_MINUTES.format(dayStart.plusDays(1).minusMinutes(1));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put(PjmReport.START_EPT, window);
        if (report.verification() != PjmReport.Verification.UNVERIFIED) {
            filters.put("row_is_current", "TRUE");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(items.size() * 420 + 2048);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("links");
            link(json, "self", href(report, startRow, rowCount, fields, filters));
            if (startRow + rowCount <= totalRows) {
                link(json, "next", href(report, startRow + rowCount, rowCount, fields, filters));
            }
            link(json, "metadata", BASE_URL + report.feed() + "/metadata");
            json.writeEndArray();
            json.writeArrayFieldStart("items");
            for (long[] item : items) {
                Pnode pnode = pnodes.get((int) item[0]);
                item(json, report, pnode, (int) item[0], starts.get((int) item[1]));
            }
            json.writeEndArray();
            json.writeObjectFieldStart("searchSpecification");
            json.writeNumberField("rowCount", rowCount);
            json.writeStringField("order", "Asc");
            json.writeNumberField("startRow", startRow);
            json.writeBooleanField("isActiveMetadata", true);
            json.writeArrayFieldStart("fields");
            for (String field : fields) {
                json.writeString(field);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("filters");
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                json.writeStartObject();
                json.writeStringField(filter.getKey(), filter.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeNumberField("totalRows", totalRows);
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The request's fields: the connector sheet's, less the unverified feed's two diagnostic fields whose values we have not seen. */
    private static List<String> fields(PjmReport report)
    {
        return report.requestFields().stream().filter(field -> !field.equals("occ_check") && !field.equals("ref_caseid_used_multi_interval")).toList();
    }

    private static void link(JsonGenerator json, String rel, String href)
            throws IOException
    {
        json.writeStartObject();
        json.writeStringField("rel", rel);
        json.writeStringField("href", href);
        json.writeEndObject();
    }

    private static String href(PjmReport report, int startRow, int rowCount, List<String> fields, Map<String, String> filters)
    {
        StringBuilder href = new StringBuilder(BASE_URL).append(report.feed())
                .append("?RowCount=").append(rowCount).append("&Order=Asc&StartRow=").append(startRow).append("&IsActiveMetadata=True&Fields=")
                .append(encode(String.join(",", fields)));
        filters.forEach((name, value) -> href.append('&').append(name).append('=').append(encode(value)));
        return href.toString();
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void item(JsonGenerator json, PjmReport report, Pnode pnode, int pnodeIndex, Instant start)
            throws IOException
    {
        long[] cents = cents(report, pnode, pnodeIndex, start);
        json.writeStartObject();
        json.writeStringField(PjmReport.START_UTC, ISO_SECONDS.format(LocalDateTime.ofInstant(start, java.time.ZoneOffset.UTC)));
        json.writeStringField(PjmReport.START_EPT, ISO_SECONDS.format(LocalDateTime.ofInstant(start, PjmMarket.TIME.zone())));
        json.writeNumberField(PjmReport.PNODE_ID, pnode.id());
        json.writeStringField("pnode_name", pnode.name());
        json.writeStringField("type", pnode.type());
        if (report.verification() != PjmReport.Verification.UNVERIFIED) {
            nullableText(json, "zone", pnode.zone());
            nullableText(json, "voltage", pnode.voltage());
            nullableText(json, "equipment", pnode.equipment());
        }
        price(json, report.totalField(), cents[0]);
        if (report.hasEnergyColumn()) {
            price(json, report.energyField(), cents[1]);
        }
        price(json, report.congestionField(), cents[2]);
        price(json, report.lossField(), cents[3]);
        if (report.verification() != PjmReport.Verification.UNVERIFIED) {
            json.writeBooleanField("row_is_current", true);
            json.writeNumberField("version_nbr", 1);
        }
        json.writeEndObject();
    }

    private static void nullableText(JsonGenerator json, String field, String value)
            throws IOException
    {
        if (value == null) {
            json.writeNullField(field);
        }
        else {
            json.writeStringField(field, value);
        }
    }

    /** Data Miner writes prices with six decimals, e.g. {@code 545.530000}. */
    private static void price(JsonGenerator json, String field, long cents)
            throws IOException
    {
        json.writeFieldName(field);
        json.writeNumber(String.format(Locale.ROOT, "%.6f", cents / 100.0));
    }

    /** Total, energy, congestion and loss in cents of a dollar per MWh; the total is the sum of the others. */
    long[] cents(PjmReport report, Pnode pnode, int pnodeIndex, Instant start)
    {
        return switch (report) {
            case DA_HRL_LMPS -> dayAhead(pnode, pnodeIndex, start);
            case RT_UNVERIFIED_FIVEMIN_LMPS -> fiveMinute(pnode, pnodeIndex, start, false);
            case RT_FIVEMIN_HRL_LMPS -> fiveMinute(pnode, pnodeIndex, start, true);
            case RT_HRL_LMPS -> {
                long[] sum = new long[4];
                for (int i = 0; i < 12; i++) {
                    long[] interval = fiveMinute(pnode, pnodeIndex, start.plus(Duration.ofMinutes(5L * i)), true);
                    for (int component = 1; component < 4; component++) {
                        sum[component] += interval[component];
                    }
                }
                long energy = Math.round(sum[1] / 12.0);
                long congestion = Math.round(sum[2] / 12.0);
                long loss = Math.round(sum[3] / 12.0);
                yield new long[] {energy + congestion + loss, energy, congestion, loss};
            }
        };
    }

    private long[] dayAhead(Pnode pnode, int pnodeIndex, Instant start)
    {
        double energy = systemEnergy(start);
        return components(energy, congestion(pnode, pnodeIndex, start), lossFactor(pnodeIndex));
    }

    private long[] fiveMinute(Pnode pnode, int pnodeIndex, Instant start, boolean verified)
    {
        Random system = new Random(seed ^ start.getEpochSecond() * 0x9E3779B97F4A7C15L);
        Random local = new Random((seed * 131 + pnodeIndex) ^ start.getEpochSecond());
        double energy = systemEnergy(start) + system.nextGaussian() * 7 + (system.nextDouble() < 0.01 ? 300 * system.nextDouble() : 0);
        double congestion = congestion(pnode, pnodeIndex, start) + local.nextGaussian() * 2;
        long[] cents = components(energy, congestion, lossFactor(pnodeIndex));
        if (verified && local.nextDouble() < 0.03) {
            // settlement verification corrected this interval's congestion
            long correction = 1 + local.nextInt(250);
            cents[2] += correction;
            cents[0] += correction;
        }
        return cents;
    }

    private static long[] components(double energy, double congestion, double lossFactor)
    {
        long energyCents = Math.round(energy * 100);
        long congestionCents = Math.round(congestion * 100);
        long lossCents = Math.round(energy * lossFactor * 100);
        return new long[] {energyCents + congestionCents + lossCents, energyCents, congestionCents, lossCents};
    }

    /** Morning and evening peaks, a midday solar trough deeper in spring, a level drawn per day. */
    private double systemEnergy(Instant start)
    {
        LocalDateTime local = LocalDateTime.ofInstant(start, PjmMarket.TIME.zone());
        LocalDate date = local.toLocalDate();
        double hour = local.getHour() + local.getMinute() / 60.0 + 0.5;
        double level = 28 + 14 * new Random(seed ^ date.toEpochDay() * 0x2545F4914F6CDD1DL).nextDouble();
        boolean spring = date.getMonthValue() >= 3 && date.getMonthValue() <= 5;
        double trough = (spring ? 22 : 8) * Math.exp(-Math.pow(hour - 13, 2) / 6);
        return level + 30 * Math.exp(-Math.pow(hour - 18.5, 2) / 4) + 12 * Math.exp(-Math.pow(hour - 8, 2) / 3) - trough;
    }

    /** East of the constraints positive, west negative; a few western pnodes deeply negative on spring middays (wind and solar). */
    private double congestion(Pnode pnode, int pnodeIndex, Instant start)
    {
        Random random = new Random(seed * 7919 + pnodeIndex);
        double weight = (random.nextDouble() - 0.35) * 2;
        LocalDateTime local = LocalDateTime.ofInstant(start, PjmMarket.TIME.zone());
        double hour = local.getHour() + local.getMinute() / 60.0 + 0.5;
        double congestion = weight * (3 + 8 * Math.exp(-Math.pow(hour - 17, 2) / 6));
        boolean spring = local.getMonthValue() >= 3 && local.getMonthValue() <= 5;
        if (spring && pnodeIndex % 9 == 4 && !pnode.type().equals("HUB")) {
            congestion -= 70 * Math.exp(-Math.pow(hour - 12.5, 2) / 5);
        }
        return congestion;
    }

    private double lossFactor(int pnodeIndex)
    {
        return (new Random(seed * 104729 + pnodeIndex).nextDouble() - 0.45) * 0.06;
    }
}
