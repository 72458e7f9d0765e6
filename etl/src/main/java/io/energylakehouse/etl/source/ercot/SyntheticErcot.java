package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.etl.connector.SampleFiles;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates SYNTHETIC ERCOT MIS documents: byte for byte in the format MIS serves NP4-190-CD and NP6-905-CD (a zip
 * named like MIS names it, holding one CSV with ERCOT's header, {@code MM/DD/YYYY} dates, hour-ending labels, the
 * DSTFlag on the fall-back day's repeated hour and no {@code 03:00} on the spring-forward day), with made-up prices.
 * Deterministic: the same dates, settlement points and seed give the same bytes. The real hubs and load zones keep
 * their names; resource nodes are named {@code SYN_*} so nobody mistakes them for market data; the demo records
 * these payloads with origin {@code synthetic}.
 *
 * <p>Prices: a daily level with a morning and an evening ramp and a midday solar trough (negative in the west on
 * spring days), a settlement point offset; real time follows day-ahead with noise and rare scarcity spikes.
 */
public final class SyntheticErcot
{
    private static final DateTimeFormatter DELIVERY_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");
    private static final DateTimeFormatter NAME_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter INTERVAL_TIME = DateTimeFormatter.ofPattern("HHmm");
    static final String DAM_HEADER = "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag";
    static final String RT_HEADER = "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag";
    private static final String[] AREAS = {"HOUSTON", "NORTH", "SOUTH", "WEST"};

    /** The 2024 spring-forward (23 hours) and fall-back (25 hours) days in Central time. */
    public static final List<LocalDate> DST_DAYS_2024 = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    private final long seed;

    public SyntheticErcot(long seed)
    {
        this.seed = seed;
    }

    /** A settlement point and its SettlementPointType as ERCOT's real-time file gives it. */
    public record SettlementPoint(String name, String type) {}

    /** The seven hubs, eight load zones and {@code count - 15} synthetic resource nodes. */
    public static List<SettlementPoint> settlementPoints(int count)
    {
        List<SettlementPoint> points = new ArrayList<>();
        for (String hub : ErcotMarket.HUBS) {
            points.add(new SettlementPoint(hub, hub.equals("HB_BUSAVG") ? "SH" : hub.equals("HB_HUBAVG") ? "AH" : "HU"));
        }
        for (String zone : ErcotMarket.LOAD_ZONES) {
            points.add(new SettlementPoint(zone, "LZ"));
        }
        if (count < points.size()) {
            throw LakehouseException.userError("Cannot generate %d synthetic settlement points: the hubs and load zones alone are %d", count, points.size());
        }
        for (int i = 1; points.size() < count; i++) {
            points.add(new SettlementPoint(String.format(Locale.ROOT, "SYN_%s_%03d_RN", AREAS[i % AREAS.length], i), "RN"));
        }
        return points;
    }

    public record GeneratedFile(String fileName, Instant postedAtUtc, byte[] bytes) {}

    /**
     * Writes one DAM document per day and one real-time document per 15-minute interval of each day, returns them in order,
     * beside a README saying they are synthetic. A file already there with the same bytes is left as it is.
     */
    public List<Path> write(Path directory, List<LocalDate> deliveryDates, List<SettlementPoint> points)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the exact format of ERCOT MIS NP4-190-CD (DAM settlement "
                    + "point prices) and NP6-905-CD (real-time settlement point prices) documents but their prices are made up by the lakehouse's sample "
                    + "generator (seed " + seed + "). They are not market data.\n");
            List<Path> files = new ArrayList<>();
            for (LocalDate date : deliveryDates) {
                files.add(write(directory, dayAhead(date, points)));
                for (Instant start : ErcotMarket.TIME.intervalStarts(date, 15)) {
                    files.add(write(directory, realTimeInterval(start, points)));
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic ERCOT files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** NP4-190-CD for one delivery day, every settlement point and hour, posted at 13:30 the day before. */
    public GeneratedFile dayAhead(LocalDate deliveryDate, List<SettlementPoint> points)
    {
        Instant posted = ErcotMarket.TIME.dayStart(deliveryDate).minus(Duration.ofHours(24)).plus(Duration.ofMinutes(13 * 60 + 30)).plusMillis(7_215);
        StringBuilder csv = new StringBuilder(points.size() * 25 * 40).append(DAM_HEADER).append("\r\n");
        for (Instant start : ErcotMarket.TIME.intervalStarts(deliveryDate, 60)) {
            Label label = label(start);
            for (int index = 0; index < points.size(); index++) {
                SettlementPoint point = points.get(index);
                csv.append(DELIVERY_DATE.format(deliveryDate)).append(',').append(String.format(Locale.ROOT, "%02d:00", label.hour())).append(',')
                        .append(point.name()).append(',').append(SampleFiles.plainDecimal(price(point, index, start, false))).append(',').append(label.flag()).append("\r\n");
            }
        }
        return zip(ErcotReport.DAM_SPP, posted, "", csv);
    }

    /** NP6-905-CD for one 15-minute interval, every settlement point (and the energy-weighted zones), posted just after it. */
    public GeneratedFile realTimeInterval(Instant start, List<SettlementPoint> points)
    {
        Instant end = start.plus(Duration.ofMinutes(15));
        Instant posted = end.plusMillis(95_482);
        LocalDate deliveryDate = ErcotMarket.TIME.operatingDate(start);
        Label label = label(start);
        int interval = start.atZone(ErcotMarket.TIME.zone()).getMinute() / 15 + 1;
        StringBuilder csv = new StringBuilder(points.size() * 60).append(RT_HEADER).append("\r\n");
        String prefix = DELIVERY_DATE.format(deliveryDate) + "," + label.hour() + "," + interval + ",";
        for (int index = 0; index < points.size(); index++) {
            SettlementPoint point = points.get(index);
            double price = price(point, index, start, true);
            csv.append(prefix).append(point.name()).append(',').append(point.type()).append(',').append(SampleFiles.plainDecimal(price)).append(',').append(label.flag())
                    .append("\r\n");
            if (point.type().equals("LZ")) {
                // the energy-weighted zone: the same name, its own type, a price a little off the plain zone's
                csv.append(prefix).append(point.name()).append(",LZEW,").append(SampleFiles.plainDecimal(round2(price * 1.004 + 0.01))).append(',').append(label.flag())
                        .append("\r\n");
            }
        }
        LocalDateTime localEnd = end.atZone(ErcotMarket.TIME.zone()).toLocalDateTime();
        String intervalName = "_" + NAME_DATE.format(localEnd) + "_" + INTERVAL_TIME.format(localEnd);
        return zip(ErcotReport.RT_SPP, posted, intervalName, csv);
    }

    /** The MIS names: {@code cdr.<type id>.0000000000000000.<posted date>.<posted time>.<code><interval>[_xhr].csv}, zipped as {@code ..._csv.zip}. */
    private static GeneratedFile zip(ErcotReport report, Instant posted, String intervalName, CharSequence csv)
    {
        ZonedDateTime local = posted.atZone(ErcotMarket.TIME.zone());
        List<ZoneOffset> offsets = ErcotMarket.TIME.zone().getRules().getValidOffsets(local.toLocalDateTime());
        String repeatedHour = offsets.size() == 2 && local.getOffset().equals(offsets.get(1)) ? "_xhr" : "";
        String stem = String.format(Locale.ROOT, "cdr.%08d.0000000000000000.%s.", report.reportTypeId(), NAME_DATE.format(local));
        String code = report.documentCode() + intervalName + repeatedHour;
        String memberName = stem + NAME_TIME.format(local) + "." + code + ".csv";
        String fileName = stem + NAME_TIME.format(local) + String.format(Locale.ROOT, "%03d", local.getNano() / 1_000_000) + "." + code + "_csv.zip";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(csv.length() / 4 + 256);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(memberName);
            entry.setTimeLocal(local.toLocalDateTime());
            zip.putNextEntry(entry);
            zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GeneratedFile(fileName, posted, bytes.toByteArray());
    }

    /** The hour ending as ERCOT labels it on the wall clock, and the DSTFlag: Y on the second pass through the repeated hour. */
    private record Label(int hour, String flag) {}

    private static Label label(Instant start)
    {
        ZonedDateTime local = start.atZone(ErcotMarket.TIME.zone());
        List<ZoneOffset> offsets = ErcotMarket.TIME.zone().getRules().getValidOffsets(local.toLocalDateTime());
        boolean repeated = offsets.size() == 2 && local.getOffset().equals(offsets.get(1));
        return new Label(local.getHour() + 1, repeated ? "Y" : "N");
    }

    /** A settlement point's price for the interval starting at {@code start}, in USD per MWh with two decimals. */
    double price(SettlementPoint point, int index, Instant start, boolean realTime)
    {
        LocalDateTime local = LocalDateTime.ofInstant(start, ErcotMarket.TIME.zone());
        LocalDate date = local.toLocalDate();
        double hour = local.getHour() + local.getMinute() / 60.0 + (realTime ? 0.125 : 0.5);
        Random daily = new Random(seed ^ date.toEpochDay() * 0x9E3779B97F4A7C15L);
        double level = 24 + 14 * daily.nextDouble();
        boolean spring = date.getMonthValue() >= 3 && date.getMonthValue() <= 5;
        boolean west = point.name().contains("WEST") || point.name().contains("PAN");
        double solarTrough = (spring ? 30 : 12) * (west ? 1.6 : 1) * Math.exp(-Math.pow(hour - 13, 2) / 8);
        double price = level + 45 * Math.exp(-Math.pow(hour - 19, 2) / 4) + 8 * Math.exp(-Math.pow(hour - 7.5, 2) / 3) - solarTrough;
        Random pointRandom = new Random(seed * 7919 + index);
        price += (pointRandom.nextDouble() - 0.5) * (point.type().equals("RN") ? 6 : 2) + (west ? -4 : point.name().contains("HOUSTON") ? 1.5 : 0);
        if (realTime) {
            Random system = new Random(seed ^ start.getEpochSecond());
            Random local15 = new Random(seed ^ start.getEpochSecond() * 31 + index);
            price += system.nextGaussian() * 5 + local15.nextGaussian() * 1.2 + (system.nextDouble() < 0.01 ? 400 + 1500 * system.nextDouble() : 0);
        }
        return round2(price);
    }

    private static double round2(double value)
    {
        return Math.round(value * 100) / 100.0;
    }

    private static Path write(Path directory, GeneratedFile file)
            throws IOException
    {
        return SampleFiles.write(directory, file.fileName(), file.bytes(), file.postedAtUtc());
    }
}
