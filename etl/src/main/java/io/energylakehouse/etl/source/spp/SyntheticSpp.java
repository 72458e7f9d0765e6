package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.connector.SampleFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates SYNTHETIC SPP Marketplace LMP files, in the layout of SPP's own files (the header
 * {@code Interval,GMTIntervalEnd,Settlement Location,Pnode,LMP,MLC,MCC,MEC}, {@code MM/DD/YYYY HH:MM:SS} times, the
 * interval end in Central wall time and in GMT, prices with 4 decimals, lines ending in LF, named as SPP names them; the
 * daily file spells the columns {@code GMT Interval}, {@code Settlement Location Name}, {@code PNODE Name})
 * with made-up prices. Per day: {@code DA-LMP-SL}, {@code DA-LMP-B} and {@code RTBM-LMP-DAILY-SL}; for the last day
 * also its {@code RTBM-LMP-SL} interval files, as a day not closed yet would be. Deterministic: the same days,
 * locations and seed give the same bytes. The hubs keep their real names; the other settlement locations are named
 * {@code SYN_*} so nobody mistakes them for market data.
 *
 * <p>Prices: a daily level with morning and evening ramps and a midday solar trough (negative on some spring days), a
 * congestion and a loss component per location; LMP is exactly MEC + MCC + MLC. Real time follows day-ahead with noise.
 * The by-bus file's layout ({@code Interval,GMTIntervalEnd,Pnode,LMP,MLC,MCC,MEC}) is assumed, not checked against a real file.
 */
public final class SyntheticSpp
{
    static final String HEADER = "Interval,GMTIntervalEnd,Settlement Location,Pnode,LMP,MLC,MCC,MEC";
    /** The daily real-time file's spelling of the same columns (as gridstatus reads it; not checked against a real daily file). */
    static final String DAILY_HEADER = "Interval,GMT Interval,Settlement Location Name,PNODE Name,LMP,MLC,MCC,MEC";
    static final String BUS_HEADER = "Interval,GMTIntervalEnd,Pnode,LMP,MLC,MCC,MEC";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm:ss");
    private static final String[] AREAS = {"KS", "MO", "NE", "OK", "TX"};

    /** The 2024 spring-forward (23 hours) and fall-back (25 hours) days in Central time. */
    public static final List<LocalDate> DST_DAYS_2024 = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    private final long seed;

    public SyntheticSpp(long seed)
    {
        this.seed = seed;
    }

    /** A settlement location and its pricing node. */
    public record SettlementLocation(String name, String pnode) {}

    /** The two hubs and {@code count - 2} synthetic settlement locations. */
    public static List<SettlementLocation> settlementLocations(int count)
    {
        if (count < SppMarket.HUBS.size()) {
            throw LakehouseException.userError("Cannot generate %d synthetic SPP settlement locations: the hubs alone are %d", count, SppMarket.HUBS.size());
        }
        List<SettlementLocation> locations = new ArrayList<>();
        locations.add(new SettlementLocation("SPPNORTH_HUB", "SPPNORTH_H"));
        locations.add(new SettlementLocation("SPPSOUTH_HUB", "SPPSOUTH_H"));
        for (int i = 1; locations.size() < count; i++) {
            String name = String.format(Locale.ROOT, "SYN_%s_%03d", AREAS[i % AREAS.length], i);
            locations.add(new SettlementLocation(name, name + "_PN"));
        }
        return locations;
    }

    /** A generated file: its name, bytes and when SPP would have published it. */
    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /**
     * Writes the files of the days into {@code directory}, beside a README saying they are synthetic. A file already
     * there with the same bytes is left as it is.
     */
    public List<Path> write(Path directory, List<LocalDate> days, List<SettlementLocation> locations)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the layout of SPP Marketplace LMP files (DA-LMP-SL, "
                    + "DA-LMP-B, RTBM-LMP-DAILY-SL, RTBM-LMP-SL) but every price is made up by SyntheticSpp (seed " + seed + "). Not market data.\n",
                    StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                LocalDate day = days.get(i);
                files.add(write(directory, dayAhead(day, locations, false)));
                files.add(write(directory, dayAhead(day, locations, true)));
                files.add(write(directory, realTimeDay(day, locations)));
                if (i == days.size() - 1) {
                    for (Instant start : SppMarket.TIME.intervalStarts(day, 5)) {
                        files.add(write(directory, realTimeInterval(start.plus(Duration.ofMinutes(5)), locations)));
                    }
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic SPP files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** The day-ahead file of a day, by settlement location or by bus; published at noon Central the day before. */
    public GeneratedFile dayAhead(LocalDate day, List<SettlementLocation> locations, boolean byBus)
    {
        StringBuilder csv = new StringBuilder(byBus ? BUS_HEADER : HEADER).append('\n');
        for (Instant start : SppMarket.TIME.intervalStarts(day, 60)) {
            for (int index = 0; index < locations.size(); index++) {
                appendLine(csv, start.plus(Duration.ofHours(1)), locations.get(index), byBus, prices(index, start, false));
            }
        }
        SppReport report = byBus ? SppReport.DA_LMP_B : SppReport.DA_LMP_SL;
        return new GeneratedFile(SppFileName.dayFile(report, day), csv.toString().getBytes(StandardCharsets.UTF_8),
                SppMarket.TIME.dayStart(day).minus(Duration.ofHours(12)));
    }

    /** The daily real-time file of a day: every five-minute interval, published an hour after the day's end. */
    public GeneratedFile realTimeDay(LocalDate day, List<SettlementLocation> locations)
    {
        StringBuilder csv = new StringBuilder(DAILY_HEADER).append('\n');
        for (Instant start : SppMarket.TIME.intervalStarts(day, 5)) {
            for (int index = 0; index < locations.size(); index++) {
                appendLine(csv, start.plus(Duration.ofMinutes(5)), locations.get(index), false, prices(index, start, true));
            }
        }
        return new GeneratedFile(SppFileName.dayFile(SppReport.RTBM_LMP_DAILY, day), csv.toString().getBytes(StandardCharsets.UTF_8),
                SppMarket.TIME.dayEnd(day).plus(SppLmpParser.DAILY_FILE_PUBLICATION_DELAY));
    }

    /** The real-time file of the interval ending at {@code end}, published at the interval's end. */
    public GeneratedFile realTimeInterval(Instant end, List<SettlementLocation> locations)
    {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        Instant start = end.minus(Duration.ofMinutes(5));
        for (int index = 0; index < locations.size(); index++) {
            appendLine(csv, end, locations.get(index), false, prices(index, start, true));
        }
        return new GeneratedFile(SppFileName.intervalFile(end), csv.toString().getBytes(StandardCharsets.UTF_8), end);
    }

    private static void appendLine(StringBuilder csv, Instant end, SettlementLocation location, boolean byBus, Prices prices)
    {
        csv.append(LocalDateTime.ofInstant(end, SppMarket.TIME.zone()).format(TIMESTAMP)).append(',')
                .append(LocalDateTime.ofInstant(end, ZoneOffset.UTC).format(TIMESTAMP)).append(',');
        if (!byBus) {
            csv.append(location.name()).append(',');
        }
        csv.append(location.pnode()).append(',').append(prices.lmp().toPlainString()).append(',').append(prices.mlc().toPlainString()).append(',')
                .append(prices.mcc().toPlainString()).append(',').append(prices.mec().toPlainString()).append('\n');
    }

    private record Prices(BigDecimal lmp, BigDecimal mlc, BigDecimal mcc, BigDecimal mec) {}

    /** Made-up prices of a location and interval: the same for the interval file and the daily file. */
    private Prices prices(int locationIndex, Instant start, boolean realTime)
    {
        LocalDateTime local = LocalDateTime.ofInstant(start, SppMarket.TIME.zone());
        LocalDate day = local.toLocalDate();
        double hour = local.getHour() + local.getMinute() / 60.0;
        Random daily = new Random(seed * 31 + day.toEpochDay());
        double level = 22 + 10 * daily.nextDouble();
        double ramps = 12 * Math.exp(-Math.pow(hour - 7.5, 2) / 3) + 22 * Math.exp(-Math.pow(hour - 19, 2) / 4);
        boolean spring = day.getMonthValue() >= 3 && day.getMonthValue() <= 5;
        double solar = (spring ? 36 : 14) * Math.exp(-Math.pow(hour - 13, 2) / 6);
        double mec = level + ramps - solar;
        Random location = new Random(seed * 131 + locationIndex);
        double congestionWeight = location.nextDouble() * 2 - 1;
        double lossWeight = location.nextDouble() * 0.08 - 0.04;
        if (realTime) {
            Random interval = new Random(seed * 7919 + start.getEpochSecond());
            mec += interval.nextGaussian() * 4;
        }
        double congestion = congestionWeight * (1.5 + 3 * Math.exp(-Math.pow(hour - 18, 2) / 5));
        BigDecimal energy = scaled(mec);
        BigDecimal mcc = scaled(congestion);
        BigDecimal mlc = scaled(lossWeight * mec);
        return new Prices(energy.add(mcc).add(mlc), mlc, mcc, energy);
    }

    private static BigDecimal scaled(double value)
    {
        BigDecimal scaled = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN);
        return scaled.signum() == 0 ? BigDecimal.ZERO.setScale(4) : scaled;
    }

    private static Path write(Path directory, GeneratedFile file)
            throws IOException
    {
        return SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc());
    }
}
