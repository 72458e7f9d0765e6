package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.etl.connector.SampleFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates SYNTHETIC MISO market reports: in the layout MISO publishes {@code {yyyyMMdd}_da_expost_lmp.csv},
 * {@code _rt_lmp_prelim.csv} and {@code _rt_lmp_final.csv} (title and notes lines, the {@code Node,Type,Value,HE 1..HE 24}
 * header, three rows per node: LMP, MCC, MLC), with made-up prices. The notes line and a README beside the files say
 * they are synthetic (the weekly five-minute zip has no generator). Deterministic: the same days, nodes and seed give the same bytes. The real trading hubs keep their
 * names; every other node is named {@code SYN_*} so nobody mistakes it for market data.
 *
 * <p>Hours are EST (UTC-05:00) all year, so every day has HE 1..24, the DST days of 2024 included. Files are dated as
 * MISO would publish them (unverified): day-ahead ex-post at 16:00 EST the day before, real-time preliminary at 06:00 EST
 * the day after, final at 06:00 EST five days after; the final prices correct a few preliminary hours, so they are a
 * second revision of those keys and the same prices elsewhere.
 */
public final class SyntheticMiso
{
    private static final DateTimeFormatter DATE_LINE = DateTimeFormatter.ofPattern("MM/dd/uuuu");
    private static final String[] AREAS = {"IN", "MI", "MN", "IL", "AR", "LA", "TX", "MS"};
    private static final int LOAD_ZONES = 6;
    private static final int INTERFACES = 2;
    /** The reports written, in this order, per day. */
    public static final List<MisoReport> HOURLY_REPORTS = List.of(MisoReport.DA_EXPOST_LMP, MisoReport.RT_LMP_PRELIM, MisoReport.RT_LMP_FINAL);

    private final long seed;

    public SyntheticMiso(long seed)
    {
        this.seed = seed;
    }

    /** A node and its Type as the market reports give it. */
    public record Node(String name, String type)
    {
        public Node
        {
            java.util.Objects.requireNonNull(name, "name is null");
            java.util.Objects.requireNonNull(type, "type is null");
        }
    }

    public record GeneratedFile(String fileName, Instant publishedAtUtc, byte[] bytes) {}

    /** The eight hubs, six synthetic load zones, two synthetic interfaces and {@code count - 16} synthetic generator nodes. */
    public static List<Node> nodes(int count)
    {
        List<Node> nodes = new ArrayList<>();
        for (String hub : MisoMarket.HUBS) {
            nodes.add(new Node(hub, MisoMarket.HUB_TYPE));
        }
        for (int i = 1; i <= LOAD_ZONES; i++) {
            nodes.add(new Node(String.format(Locale.ROOT, "SYN_LZ_%s", AREAS[i % AREAS.length]), MisoMarket.LOAD_ZONE_TYPE));
        }
        for (int i = 1; i <= INTERFACES; i++) {
            nodes.add(new Node(String.format(Locale.ROOT, "SYN_IF_%02d", i), MisoMarket.INTERFACE_TYPE));
        }
        if (count < nodes.size()) {
            throw LakehouseException.userError("Cannot generate %d synthetic MISO nodes: the hubs, load zones and interfaces alone are %d", count, nodes.size());
        }
        for (int i = 1; nodes.size() < count; i++) {
            nodes.add(new Node(String.format(Locale.ROOT, "SYN_%s_GN%03d", AREAS[i % AREAS.length], i), MisoMarket.GENERATOR_NODE_TYPE));
        }
        return nodes;
    }

    /** Writes the three reports of each day, in order, beside a README saying they are synthetic; a file already holding the same bytes is left alone. */
    public List<Path> write(Path directory, List<LocalDate> marketDays, List<Node> nodes)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the layout of MISO's market reports "
                    + "{yyyyMMdd}_da_expost_lmp.csv, {yyyyMMdd}_rt_lmp_prelim.csv and {yyyyMMdd}_rt_lmp_final.csv but their prices are made up by the "
                    + "lakehouse's sample generator (seed " + seed + "). They are not market data.\n");
            List<Path> files = new ArrayList<>();
            for (LocalDate day : marketDays) {
                for (MisoReport report : HOURLY_REPORTS) {
                    GeneratedFile file = file(report, day, nodes);
                    files.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc()));
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic MISO files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** One report of one market day, every node, dated when MISO would publish it. */
    public GeneratedFile file(MisoReport report, LocalDate marketDay, List<Node> nodes)
    {
        Instant dayStart = MisoMarket.TIME.dayStart(marketDay);
        Instant published = switch (report) {
            case DA_EXPOST_LMP -> dayStart.minus(Duration.ofHours(8));
            case RT_LMP_PRELIM -> dayStart.plus(Duration.ofHours(24 + 6));
            case RT_LMP_FINAL -> dayStart.plus(Duration.ofDays(5)).plus(Duration.ofHours(6));
            case RT_5MIN_LMP -> throw new IllegalArgumentException("Cannot generate a synthetic MISO rt_5min_lmp file: only the hourly reports have a generator");
        };
        String title = switch (report) {
            case DA_EXPOST_LMP -> "Day Ahead Market ExPost LMPs";
            case RT_LMP_PRELIM -> "Preliminary Real-Time Market LMPs";
            case RT_LMP_FINAL -> "Real-Time Final Market LMPs";
            case RT_5MIN_LMP -> throw new IllegalArgumentException("Cannot generate a synthetic MISO rt_5min_lmp file: only the hourly reports have a generator");
        };
        StringBuilder csv = new StringBuilder(nodes.size() * 3 * 200);
        csv.append(title).append("\r\n");
        csv.append(DATE_LINE.format(marketDay)).append("\r\n");
        csv.append(",,,All Hours-Ending are Eastern Standard Time (EST)\r\n");
        csv.append("SYNTHETIC sample written by the lakehouse generator (seed ").append(seed).append("): not MISO data\r\n");
        csv.append("Node,Type,Value");
        for (int hour = 1; hour <= 24; hour++) {
            csv.append(",HE ").append(hour);
        }
        csv.append("\r\n");
        for (int index = 0; index < nodes.size(); index++) {
            Node node = nodes.get(index);
            double[][] prices = new double[3][24];
            for (int hour = 1; hour <= 24; hour++) {
                double[] components = components(report, node, index, marketDay, hour);
                prices[0][hour - 1] = components[0];
                prices[1][hour - 1] = components[1];
                prices[2][hour - 1] = components[2];
            }
            String[] values = {"LMP", "MCC", "MLC"};
            for (int row = 0; row < 3; row++) {
                csv.append(node.name()).append(',').append(node.type()).append(',').append(values[row]);
                for (int hour = 0; hour < 24; hour++) {
                    csv.append(',').append(SampleFiles.plainDecimal(prices[row][hour]));
                }
                csv.append("\r\n");
            }
        }
        return new GeneratedFile(report.fileName(marketDay), published, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** LMP, MCC and MLC of a node and hour, two decimals each, LMP = energy + MCC + MLC exactly. */
    double[] components(MisoReport report, Node node, int index, LocalDate day, int hourEnding)
    {
        double hour = hourEnding - 0.5;
        Random daily = new Random(seed ^ day.toEpochDay() * 0x9E3779B97F4A7C15L);
        double level = 22 + 12 * daily.nextDouble();
        boolean windy = daily.nextDouble() < 0.25;
        // overnight wind in the west pushes the system price below zero on some nights
        double energy = level + 35 * Math.exp(-Math.pow(hour - 18.5, 2) / 5) + 10 * Math.exp(-Math.pow(hour - 8, 2) / 3)
                - (windy ? 30 * Math.exp(-Math.pow(hour - 3, 2) / 6) : 0);
        Random nodeRandom = new Random(seed * 7919 + index);
        boolean west = node.name().contains("MINN") || node.name().contains("_MN_") || node.name().contains("TEXAS") || node.name().contains("_TX_");
        boolean generator = node.type().equals(MisoMarket.GENERATOR_NODE_TYPE);
        double congestion = (nodeRandom.nextDouble() - 0.5) * (generator ? 8 : 3) + (west ? -5 : 0);
        if (west && generator) {
            // night wind behind a constrained interface: western generator nodes go negative overnight
            congestion -= 40 * Math.exp(-Math.pow(hour - 3, 2) / 6);
        }
        double loss = (nodeRandom.nextDouble() - 0.5) * 2;
        if (report != MisoReport.DA_EXPOST_LMP) {
            Random system = new Random(seed ^ day.toEpochDay() * 31 + hourEnding);
            energy += system.nextGaussian() * 6;
            congestion += new Random(seed ^ (day.toEpochDay() * 1_000 + hourEnding) * 131 + index).nextGaussian() * 1.5;
            if (report == MisoReport.RT_LMP_FINAL && system.nextDouble() < 0.1) {
                // settlement corrected this hour after the preliminary publication
                energy += 0.5 + system.nextDouble();
            }
        }
        double energyRounded = round2(energy);
        double congestionRounded = round2(congestion);
        double lossRounded = round2(loss);
        double lmp = java.math.BigDecimal.valueOf(energyRounded).add(java.math.BigDecimal.valueOf(congestionRounded))
                .add(java.math.BigDecimal.valueOf(lossRounded)).doubleValue();
        return new double[] {lmp, congestionRounded, lossRounded};
    }

    private static double round2(double value)
    {
        return Math.round(value * 100) / 100.0;
    }
}
