package io.energylakehouse.etl.source.nyiso;

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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * SYNTHETIC NYISO LBMP files in the exact MIS layout: per day {@code damlbmp_zone}, {@code damlbmp_gen},
 * {@code realtime_zone}, {@code realtime_gen} and {@code rtlbmp_zone} daily CSVs, each starting with a blank line, a
 * quoted header and no final newline, the fall-back hour's rows repeated without a flag. Prices are made up from a seed:
 * not market data. Each row's LBMP is a system energy price shared by every PTID of the interval plus the PTID's loss
 * and congestion, and the congestion is written with NYISO's sign (the opposite of ours).
 */
public final class SyntheticNyiso
{
    static final String HEADER = "\"Time Stamp\",\"Name\",\"PTID\",\"LBMP ($/MWHr)\",\"Marginal Cost Losses ($/MWHr)\",\"Marginal Cost Congestion ($/MWHr)\"";
    private static final DateTimeFormatter TIME_STAMP = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm:ss");
    private static final String[] AREAS = {"ASTORIA", "ROSETON", "NIAGARA", "OSWEGO", "RAVENSWOOD", "NORTHPORT", "GILBOA", "DUNKIRK"};
    /** PTIDs of synthetic generators start here, away from the zones' 617xx and 618xx. */
    private static final long FIRST_GENERATOR_PTID = 323_001;
    private static final long REFERENCE_PTID = 24_008;

    /** The 2024 spring-forward (23 hours) and fall-back (25 hours) days in Eastern time. */
    public static final List<LocalDate> DST_DAYS_2024 = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    private final long seed;

    public SyntheticNyiso(long seed)
    {
        this.seed = seed;
    }

    /** The generator file's locations for about {@code locations} in all: the reference bus and synthetic generators beside the 15 zone rows. */
    public static List<NyisoMarket.Location> generators(int locations)
    {
        int zones = NyisoMarket.ZONES.size() + NyisoMarket.EXTERNAL_ZONES.size();
        if (locations < zones + 1) {
            throw LakehouseException.userError("Cannot generate %d synthetic NYISO locations: the zones and the reference bus alone are %d", locations, zones + 1);
        }
        List<NyisoMarket.Location> generators = new ArrayList<>();
        generators.add(new NyisoMarket.Location(REFERENCE_PTID, NyisoMarket.REFERENCE_BUS));
        for (int i = 0; generators.size() < locations - zones; i++) {
            generators.add(new NyisoMarket.Location(FIRST_GENERATOR_PTID + i, String.format(Locale.ROOT, "SYN %s %02d", AREAS[i % AREAS.length], i + 1)));
        }
        return generators;
    }

    /** The zonal files' locations: the eleven zones and the four external proxies. */
    public static List<NyisoMarket.Location> zones()
    {
        List<NyisoMarket.Location> zones = new ArrayList<>(NyisoMarket.ZONES);
        zones.addAll(NyisoMarket.EXTERNAL_ZONES);
        return zones;
    }

    public record GeneratedFile(String fileName, Instant postedAtUtc, byte[] bytes) {}

    /** Writes the five daily files of each day, in order, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days, List<NyisoMarket.Location> generators)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the exact format of NYISO MIS LBMP daily CSVs (damlbmp_zone, "
                    + "damlbmp_gen, realtime_zone, realtime_gen, rtlbmp_zone) but their prices are made up by the lakehouse's sample generator (seed " + seed
                    + "). They are not market data.\n");
            List<Path> files = new ArrayList<>();
            for (LocalDate day : days) {
                for (NyisoReport report : NyisoReport.values()) {
                    GeneratedFile file = file(report, day, report.locationType().equals("zone") ? zones() : generators);
                    files.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.postedAtUtc()));
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic NYISO files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** One daily file of a report for the locations: DAM posted the day before at 11:00, real time just after the day. */
    public GeneratedFile file(NyisoReport report, LocalDate day, List<NyisoMarket.Location> locations)
    {
        Instant dayStart = NyisoMarket.TIME.dayStart(day);
        Instant posted = report.dataset().equals("da_hourly") ? dayStart.minus(Duration.ofHours(13)).plusSeconds(127)
                : NyisoMarket.TIME.dayEnd(day).plusSeconds(20 * 60 + 41);
        StringBuilder csv = new StringBuilder(locations.size() * 300 * 60).append("\r\n").append(HEADER);
        for (Instant start : NyisoMarket.TIME.intervalStarts(day, report.intervalMinutes())) {
            Instant label = report.intervalEnding() ? start.plus(report.intervalLength()) : start;
            String stamp = TIME_STAMP.format(LocalDateTime.ofInstant(label, NyisoMarket.TIME.zone()));
            for (NyisoMarket.Location location : locations) {
                Cents cents = report.dataset().equals("rt_hourly") ? hourlyAverage(start, location) : cents(start, report.intervalMinutes() < 60, report.dataset()
                        .equals("da_hourly"), location);
                csv.append("\r\n\"").append(stamp).append("\",\"").append(location.name()).append("\",").append(location.ptid()).append(',')
                        .append(decimal(cents.energy() + cents.loss() + cents.congestion())).append(',').append(decimal(cents.loss())).append(',')
                        .append(decimal(-cents.congestion()));
            }
        }
        return new GeneratedFile(NyisoFileName.daily(report, day), posted, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Prices in cents per MWh: the system energy price of the interval and the location's loss and congestion (our sign). */
    private record Cents(long energy, long loss, long congestion) {}

    private Cents hourlyAverage(Instant hourStart, NyisoMarket.Location location)
    {
        long energy = 0;
        long loss = 0;
        long congestion = 0;
        for (int i = 0; i < 12; i++) {
            Cents five = cents(hourStart.plus(Duration.ofMinutes(5L * i)), true, false, location);
            energy += five.energy();
            loss += five.loss();
            congestion += five.congestion();
        }
        return new Cents(Math.round(energy / 12.0), Math.round(loss / 12.0), Math.round(congestion / 12.0));
    }

    private Cents cents(Instant start, boolean fiveMinute, boolean dayAhead, NyisoMarket.Location location)
    {
        LocalDateTime local = LocalDateTime.ofInstant(start, NyisoMarket.TIME.zone());
        double hour = local.getHour() + local.getMinute() / 60.0;
        double shape = 28 + 14 * Math.sin((hour - 9) / 24 * 2 * Math.PI) + 6 * Math.sin(local.getDayOfYear() / 365.0 * 2 * Math.PI);
        SplittableRandom interval = new SplittableRandom(seed * 31 + start.getEpochSecond() / 60 + (dayAhead ? 7 : 0));
        double energy = shape + (dayAhead ? 1.5 : 4) * interval.nextGaussian() + (fiveMinute && interval.nextInt(150) == 0 ? 180 : 0);
        if (local.getHour() == 3 && !dayAhead && interval.nextInt(4) == 0) {
            // a night of surplus wind: negative real-time prices now and then
            energy = -12.5 - 5 * interval.nextDouble();
        }
        if (location.ptid() == REFERENCE_PTID) {
            return new Cents(Math.round(energy * 100), 0, 0);
        }
        SplittableRandom node = new SplittableRandom(seed * 131 + location.ptid() * 17 + start.getEpochSecond() / 60);
        double distance = (location.ptid() % 23) / 23.0;
        double loss = (distance - 0.4) * 0.08 * Math.abs(energy) + 0.2 * node.nextGaussian();
        boolean downstate = location.name().equals("N.Y.C.") || location.name().equals("LONGIL") || location.name().equals("DUNWOD")
                || location.name().contains("ASTORIA") || location.name().contains("RAVENSWOOD") || location.name().contains("NORTHPORT");
        double congestion = downstate ? 2 + 6 * Math.max(0, Math.sin((hour - 10) / 24 * 2 * Math.PI)) + node.nextDouble()
                : -0.5 * node.nextDouble() * (location.ptid() % 3);
        return new Cents(Math.round(energy * 100), Math.round(loss * 100), Math.round(congestion * 100));
    }

    private static String decimal(long cents)
    {
        return SampleFiles.plainDecimal(cents / 100.0);
    }
}
