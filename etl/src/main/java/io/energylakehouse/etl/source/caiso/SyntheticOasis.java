package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.connector.SampleFiles;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates SYNTHETIC OASIS files: byte-for-byte in the format OASIS serves (a zip holding one CSV named
 * like OASIS names it, the real column set, long format with one row per LMP_TYPE, rows grouped by node and
 * LMP_TYPE and not in time order), with made-up prices. Deterministic: the same dates, nodes and seed give
 * the same bytes. Node names other than the three real trading hubs and four DLAPs start with {@code SYN_}
 * so nobody mistakes them for market data; the demo records these payloads with origin {@code synthetic}.
 *
 * <p>Prices: an energy price with a morning and an evening ramp and a midday solar trough (negative on
 * spring days), node-specific congestion and losses, a greenhouse-gas adder on some nodes; the total is the
 * exact sum of the rounded components. Real-time prices follow day-ahead with noise and rare spikes.
 */
public final class SyntheticOasis
{
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'-00:00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter NAME_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HH_mm_ss");
    private static final String HEADER_PREFIX = "INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,OPR_DT,OPR_HR,OPR_INTERVAL,NODE_ID_XML,NODE_ID,NODE,MARKET_RUN_ID,"
            + "LMP_TYPE,XML_DATA_ITEM,PNODE_RESMRID,GRP_TYPE,POS,";
    private static final String[] LMP_TYPES = {"LMP", "MCE", "MCC", "MCL", "MGHG"};
    private static final String[] DATA_ITEMS = {"LMP_PRC", "LMP_ENE_PRC", "LMP_CONG_PRC", "LMP_LOSS_PRC", "LMP_GHG_PRC"};
    private static final String[] AREAS = {"NP15", "SP15", "ZP26"};

    private final long seed;

    public SyntheticOasis(long seed)
    {
        this.seed = seed;
    }

    /** The three trading hubs, four DLAPs and {@code count - 7} synthetic nodes. */
    public static List<String> nodes(int count)
    {
        List<String> nodes = new ArrayList<>(CaisoMarket.TRADING_HUBS);
        nodes.addAll(List.of("DLAP_PGAE-APND", "DLAP_SCE-APND", "DLAP_SDGE-APND", "DLAP_VEA-APND"));
        if (count < nodes.size()) {
            throw LakehouseException.userError("Cannot generate %d synthetic nodes: the hubs and DLAPs alone are %d", count, nodes.size());
        }
        for (int i = 1; nodes.size() < count; i++) {
            nodes.add(String.format(Locale.ROOT, "SYN_%s_%04d_GEN-APND", AREAS[i % AREAS.length], i));
        }
        return nodes;
    }

    /** File name (and zip member name, with .csv) as OASIS would give it. */
    public static String fileName(OasisReport report, LocalDate operatingDate, Instant generated)
    {
        String date = NAME_DATE.format(operatingDate);
        return date + "_" + date + "_" + report.queryName() + "_" + report.marketRunId() + "_"
                + NAME_STAMP.format(LocalDateTime.ofInstant(generated, CaisoMarket.TIME.zone())) + "_v" + report.version() + ".zip";
    }

    /**
     * Writes one DAM file per day and one RTM file per hour of each day; returns the files in order. A folder that
     * already holds this seed's files for the same days and nodes (its {@code .generated} list says so and every file is
     * there with its size) is reused as it is: the same inputs give the same bytes.
     */
    public List<Path> write(Path directory, List<LocalDate> operatingDates, List<String> nodes)
    {
        String inputs = "seed " + seed + "; dates " + operatingDates + "; nodes " + nodes.size() + " " + Integer.toHexString(nodes.hashCode());
        Path list = directory.resolve(".generated");
        try {
            java.util.Optional<List<Path>> existing = generatedBefore(directory, list, inputs);
            if (existing.isPresent()) {
                return existing.get();
            }
            List<Path> files = new ArrayList<>();
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the exact format of CAISO OASIS PRC_LMP and "
                    + "PRC_INTVL_LMP downloads but their prices are made up by the lakehouse's sample generator (seed " + seed + "). "
                    + "They are not market data.\n");
            for (LocalDate date : operatingDates) {
                files.add(write(directory, dayAhead(date, nodes)));
                for (Instant hour : CaisoMarket.TIME.intervalStarts(date, 60)) {
                    files.add(write(directory, realTimeHour(hour, nodes)));
                }
            }
            StringBuilder text = new StringBuilder(inputs).append('\n');
            for (Path file : files) {
                text.append(Files.size(file)).append(' ').append(file.getFileName()).append('\n');
            }
            Files.writeString(list, text);
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic OASIS files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    private static java.util.Optional<List<Path>> generatedBefore(Path directory, Path list, String inputs)
            throws IOException
    {
        if (!Files.isRegularFile(list)) {
            return java.util.Optional.empty();
        }
        List<String> lines = Files.readAllLines(list);
        if (lines.isEmpty() || !lines.get(0).equals(inputs)) {
            return java.util.Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.matches("[0-9]{1,18} [^/\\\\]+")) {
                return java.util.Optional.empty();
            }
            int space = line.indexOf(' ');
            Path file = directory.resolve(line.substring(space + 1));
            if (!Files.isRegularFile(file) || Files.size(file) != Long.parseLong(line.substring(0, space))) {
                return java.util.Optional.empty();
            }
            files.add(file);
        }
        return java.util.Optional.of(files);
    }

    public record GeneratedFile(String fileName, Instant generatedAtUtc, byte[] bytes) {}

    /** PRC_LMP DAM for one operating day, all nodes, published the afternoon before. */
    public GeneratedFile dayAhead(LocalDate operatingDate, List<String> nodes)
    {
        Instant generated = CaisoMarket.TIME.dayStart(operatingDate).minus(Duration.ofHours(11)).plusSeconds(312);
        List<Instant> hours = CaisoMarket.TIME.intervalStarts(operatingDate, 60);
        return zip(OasisReport.PRC_LMP, operatingDate, generated, nodes, hours, 60);
    }

    /** PRC_INTVL_LMP RTM for one hour (what one all-nodes request returns), published just after the hour. */
    public GeneratedFile realTimeHour(Instant hourStart, List<String> nodes)
    {
        LocalDate operatingDate = CaisoMarket.TIME.operatingDate(hourStart);
        // OASIS stamps names in local time; on the fall-back day 01:05 happens twice, so the seconds carry the
        // elapsed hour to keep every file name unique.
        Instant generated = hourStart.plus(Duration.ofMinutes(65)).plusSeconds(CaisoMarket.TIME.hourEnding(hourStart));
        List<Instant> intervals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            intervals.add(hourStart.plus(Duration.ofMinutes(5L * i)));
        }
        return zip(OasisReport.PRC_INTVL_LMP, operatingDate, generated, nodes, intervals, 5);
    }

    private GeneratedFile zip(OasisReport report, LocalDate operatingDate, Instant generated, List<String> nodes, List<Instant> intervals, int minutes)
    {
        String fileName = fileName(report, operatingDate, generated);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(nodes.size() * intervals.size() * 5 * 40);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(fileName.replace(".zip", ".csv"));
            entry.setTimeLocal(LocalDateTime.ofInstant(generated, CaisoMarket.TIME.zone()));
            zip.putNextEntry(entry);
            Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            writeCsv(writer, report, nodes, intervals, minutes);
            writer.flush();
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GeneratedFile(fileName, generated, bytes.toByteArray());
    }

    private void writeCsv(Writer writer, OasisReport report, List<String> nodes, List<Instant> intervals, int minutes)
            throws IOException
    {
        writer.write(HEADER_PREFIX + report.valueColumn() + ",GROUP\n");
        boolean realTime = report == OasisReport.PRC_INTVL_LMP;
        int group = 1;
        StringBuilder line = new StringBuilder(200);
        for (int nodeIndex = 0; nodeIndex < nodes.size(); nodeIndex++) {
            String node = nodes.get(nodeIndex);
            double[][] components = new double[intervals.size()][];
            for (int i = 0; i < intervals.size(); i++) {
                components[i] = components(node, nodeIndex, intervals.get(i), realTime);
            }
            for (int type = 0; type < LMP_TYPES.length; type++) {
                // OASIS groups rows by node and LMP_TYPE but not by time: shuffle the intervals of each group.
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < intervals.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(seed * 31 + nodeIndex * 7L + type + intervals.get(0).getEpochSecond()));
                for (int i : order) {
                    Instant start = intervals.get(i);
                    LocalDateTime local = LocalDateTime.ofInstant(start, CaisoMarket.TIME.zone());
                    line.setLength(0);
                    line.append(GMT.format(start)).append(',').append(GMT.format(start.plus(Duration.ofMinutes(minutes)))).append(',')
                            .append(CaisoMarket.TIME.operatingDate(start)).append(',').append(CaisoMarket.TIME.hourEnding(start)).append(',')
                            .append(realTime ? local.getMinute() / 5 + 1 : 0).append(',')
                            .append(node).append(',').append(node).append(',').append(node).append(',')
                            .append(report.marketRunId()).append(',').append(LMP_TYPES[type]).append(',').append(DATA_ITEMS[type]).append(',')
                            .append(node).append(",ALL_APNODES,").append(realTime ? 1 : 0).append(',')
                            .append(SampleFiles.plainDecimal(components[i][type])).append(',').append(group).append('\n');
                    writer.write(line.toString());
                }
                group++;
            }
        }
    }

    /** LMP, MCE, MCC, MCL, MGHG for a node and interval; the LMP is the sum of the rounded components. */
    double[] components(String node, int nodeIndex, Instant start, boolean realTime)
    {
        LocalDateTime local = LocalDateTime.ofInstant(start, CaisoMarket.TIME.zone());
        LocalDate date = local.toLocalDate();
        double hour = local.getHour() + local.getMinute() / 60.0 + 0.5;
        Random daily = new Random(seed ^ date.toEpochDay() * 0x9E3779B97F4A7C15L);
        double level = 38 + 12 * daily.nextDouble();
        boolean spring = date.getMonthValue() >= 3 && date.getMonthValue() <= 5;
        double solarTrough = (spring ? 55 : 25) * Math.exp(-Math.pow(hour - 12.5, 2) / 7);
        double energy = level + 32 * Math.exp(-Math.pow(hour - 19.5, 2) / 5) + 9 * Math.exp(-Math.pow(hour - 7.5, 2) / 3) - solarTrough;

        Random nodeRandom = new Random(seed * 7919 + nodeIndex);
        double congestionWeight = (node.contains("SP15") ? -1 : node.contains("NP15") ? 1 : 0.3) * (0.5 + nodeRandom.nextDouble());
        double congestion = congestionWeight * (4 + 6 * Math.exp(-Math.pow(hour - 18, 2) / 8));
        double lossFactor = (nodeRandom.nextDouble() - 0.4) * 0.06;
        double ghg = nodeIndex % 10 == 9 && hour > 6 && hour < 22 ? 2.5 + nodeRandom.nextDouble() * 2 : 0;

        if (realTime) {
            Random interval = new Random(seed ^ start.getEpochSecond() * 31 + nodeIndex);
            Random system = new Random(seed ^ start.getEpochSecond());
            energy += system.nextGaussian() * 6 + (system.nextDouble() < 0.01 ? 250 * system.nextDouble() : 0);
            congestion += interval.nextGaussian() * 1.5;
        }
        double roundedEnergy = round5(energy);
        double roundedCongestion = round5(congestion);
        double roundedLoss = round5(energy * lossFactor);
        double roundedGhg = round5(ghg);
        double total = round5(roundedEnergy + roundedCongestion + roundedLoss + roundedGhg);
        return new double[] {total, roundedEnergy, roundedCongestion, roundedLoss, roundedGhg};
    }

    private static double round5(double value)
    {
        return Math.round(value * 100_000) / 100_000.0;
    }

    private static Path write(Path directory, GeneratedFile file)
            throws IOException
    {
        return SampleFiles.write(directory, file.fileName(), file.bytes(), file.generatedAtUtc());
    }
}
