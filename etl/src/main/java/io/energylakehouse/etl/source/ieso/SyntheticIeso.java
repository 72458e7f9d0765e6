package io.energylakehouse.etl.source.ieso;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates SYNTHETIC IESO public report files in IESO's layouts, with made-up prices, named as IESO names them.
 *
 * <ul>
 * <li>From market renewal (2025-05-01), per day: {@code PUB_DAHourlyEnergyLMP_{day}.csv} (a {@code CREATED AT ... FOR ...}
 * line, then {@code Delivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price}, locations with
 * IESO's {@code :LMP} suffix) and {@code PUB_DAHourlyOntarioZonalPrice_{day}.xml} (default namespace
 * {@code http://www.ieso.ca/schema}, an {@code xml-stylesheet} instruction, {@code DocHeader/CreatedAt} in EST without
 * offset, {@code DocBody/DeliveryDate} and 24 {@code HourlyPriceComponents}); for the last day also its 24 hourly
 * real-time files {@code PUB_RealtimeEnergyLMP_{day}{HH}.csv} and {@code PUB_RealtimeOntarioZonalPrice_{day}{HH}.xml}
 * (the current schema: {@code DeliveryDate}, {@code DeliveryHour}, 12 {@code ZonalPrice} elements), as a day not
 * closed yet would have.</li>
 * <li>Before it, per day: {@code PUB_DispUnconsHOEP_{day}.csv} (four preamble lines, then {@code hour,HOEP} rows).</li>
 * </ul>
 *
 * <p>Deterministic: the same days, location count and seed give the same bytes. The Ontario zonal price is location
 * {@code ONTARIO}; the pricing locations are named {@code SYN_*} so nobody mistakes them for market data. LMP = energy +
 * loss + congestion exactly; congestion is sometimes negative.
 */
public final class SyntheticIeso
{
    static final String DA_HEADER = "Delivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price";
    static final String RT_HEADER = "Delivery Hour,Interval,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price";
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");
    private static final DateTimeFormatter CSV_DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter XML_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final String[] AREAS = {"EAST", "WEST", "NIAGARA", "OTTAWA", "TORONTO", "NORTHWEST"};
    /** Day-ahead results are published at about 12:30 EST the day before (as a published DAHourlyOntarioZonalPrice file's CreatedAt shows). */
    static final Duration DAY_AHEAD_PUBLICATION = Duration.ofHours(12).plusMinutes(30);

    private final long seed;

    public SyntheticIeso(long seed)
    {
        this.seed = seed;
    }

    /** A generated file: its name, bytes and when IESO would have published it. */
    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /** {@code count - 1} synthetic pricing locations as IESO writes them ({@code SYN_EAST_001:LMP}); the Ontario zonal price is the remaining location. */
    public static List<String> pricingLocations(int count)
    {
        if (count < 1) {
            throw LakehouseException.userError("Cannot generate %d synthetic IESO locations: the Ontario zonal price alone is 1", count);
        }
        List<String> locations = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            locations.add(String.format(Locale.ROOT, "SYN_%s_%03d:LMP", AREAS[i % AREAS.length], i));
        }
        return locations;
    }

    /** Writes the files of the days into {@code directory}, beside a README saying they are synthetic. A file already there with the same bytes is left as it is. */
    public List<Path> write(Path directory, List<LocalDate> days, int locationCount)
    {
        List<String> locations = pricingLocations(locationCount);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the layout of IESO public reports (DAHourlyEnergyLMP, "
                    + "RealtimeEnergyLMP, DAHourlyOntarioZonalPrice, RealtimeOntarioZonalPrice, DispUnconsHOEP) but every price is made up by SyntheticIeso "
                    + "(seed " + seed + "). Not market data.\n", StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                LocalDate day = days.get(i);
                if (!IesoReport.Era.MARKET_RENEWAL.covers(day)) {
                    files.add(write(directory, hoep(day)));
                    continue;
                }
                files.add(write(directory, dayAheadLmp(day, locations)));
                files.add(write(directory, dayAheadZonal(day)));
                if (i == days.size() - 1) {
                    for (int hour = 1; hour <= 24; hour++) {
                        files.add(write(directory, realTimeLmp(day, hour, locations)));
                        files.add(write(directory, realTimeZonal(day, hour)));
                    }
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic IESO files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** The day-ahead LMP file of a day, published the day before. */
    public GeneratedFile dayAheadLmp(LocalDate day, List<String> locations)
    {
        Instant published = dayAheadPublication(day);
        StringBuilder csv = new StringBuilder("CREATED AT ").append(est(published).format(CSV_TIME)).append(" FOR ").append(day.format(CSV_DAY)).append('\n');
        csv.append(DA_HEADER).append('\n');
        for (int hour = 1; hour <= 24; hour++) {
            for (int index = 0; index < locations.size(); index++) {
                Prices prices = prices(index + 1, day, hour, 0);
                csv.append(hour).append(',').append(locations.get(index)).append(',').append(prices.csv()).append('\n');
            }
        }
        return new GeneratedFile(IesoFileName.dayFile(IesoReport.DA_HOURLY_ENERGY_LMP, day), csv.toString().getBytes(StandardCharsets.UTF_8), published);
    }

    /** The real-time LMP file of hour ending {@code hour}, published just after the hour. */
    public GeneratedFile realTimeLmp(LocalDate day, int hour, List<String> locations)
    {
        Instant published = hourPublication(day, hour);
        StringBuilder csv = new StringBuilder("CREATED AT ").append(est(published).format(CSV_TIME)).append(" FOR ").append(day.format(CSV_DAY)).append('\n');
        csv.append(RT_HEADER).append('\n');
        for (int interval = 1; interval <= 12; interval++) {
            for (int index = 0; index < locations.size(); index++) {
                Prices prices = prices(index + 1, day, hour, interval);
                csv.append(hour).append(',').append(interval).append(',').append(locations.get(index)).append(',').append(prices.csv()).append('\n');
            }
        }
        return new GeneratedFile(IesoFileName.hourFile(IesoReport.RT_ENERGY_LMP, day, hour), csv.toString().getBytes(StandardCharsets.UTF_8), published);
    }

    /** The day-ahead Ontario zonal price XML of a day. */
    public GeneratedFile dayAheadZonal(LocalDate day)
    {
        Instant published = dayAheadPublication(day).plus(Duration.ofMinutes(1));
        StringBuilder xml = xmlStart("DAHourlyOntarioZonalPrice", "Day Ahead Hourly Ontario Zonal Energy Price Report", published);
        xml.append("<DeliveryDate>").append(day).append("</DeliveryDate>\n");
        for (int hour = 1; hour <= 24; hour++) {
            Prices prices = prices(0, day, hour, 0);
            xml.append("<HourlyPriceComponents>\n")
                    .append("<PricingHour>").append(hour).append("</PricingHour>\n")
                    .append("<ZonalPrice>").append(SampleFiles.plainDecimal(prices.lmp().doubleValue())).append("</ZonalPrice>\n")
                    .append("<LossPriceCapped>").append(SampleFiles.plainDecimal(prices.loss().doubleValue())).append("</LossPriceCapped>\n")
                    .append("<CongestionPriceCapped>").append(SampleFiles.plainDecimal(prices.congestion().doubleValue())).append("</CongestionPriceCapped>\n")
                    .append("<Flag>DSO-RD</Flag>\n")
                    .append("</HourlyPriceComponents>\n");
        }
        xml.append("</DocBody>\n</Document>\n");
        return new GeneratedFile(IesoFileName.dayFile(IesoReport.DA_ONTARIO_ZONAL_PRICE, day), xml.toString().getBytes(StandardCharsets.UTF_8), published);
    }

    /** The real-time Ontario zonal price XML of hour ending {@code hour}, in the current schema. */
    public GeneratedFile realTimeZonal(LocalDate day, int hour)
    {
        Instant published = hourPublication(day, hour);
        StringBuilder xml = xmlStart("RealtimeOntarioZonalPrice", "Realtime Ontario Zonal Energy Price Report", published);
        xml.append("<DeliveryDate>").append(day).append("</DeliveryDate>\n");
        xml.append("<DeliveryHour>").append(hour).append("</DeliveryHour>\n");
        BigDecimal sum = BigDecimal.ZERO;
        for (int interval = 1; interval <= 12; interval++) {
            Prices prices = prices(0, day, hour, interval);
            sum = sum.add(prices.lmp());
            xml.append("<ZonalPrice>\n")
                    .append("<Interval>").append(interval).append("</Interval>\n")
                    .append("<LmpCap>").append(SampleFiles.plainDecimal(prices.lmp().doubleValue())).append("</LmpCap>\n")
                    .append("<LossPriceCap>").append(SampleFiles.plainDecimal(prices.loss().doubleValue())).append("</LossPriceCap>\n")
                    .append("<CongPriceCap>").append(SampleFiles.plainDecimal(prices.congestion().doubleValue())).append("</CongPriceCap>\n")
                    .append("</ZonalPrice>\n");
        }
        // the hour's average, which the parser leaves out (it is no interval's price)
        xml.append("<AveragePrice>\n<LmpCap>").append(SampleFiles.plainDecimal(sum.divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_EVEN).doubleValue()))
                .append("</LmpCap>\n</AveragePrice>\n");
        xml.append("</DocBody>\n</Document>\n");
        return new GeneratedFile(IesoFileName.hourFile(IesoReport.RT_ONTARIO_ZONAL_PRICE, day, hour), xml.toString().getBytes(StandardCharsets.UTF_8), published);
    }

    /** The HOEP file of a day before market renewal, published an hour after the day. */
    public GeneratedFile hoep(LocalDate day)
    {
        Instant published = IesoMarket.TIME.dayEnd(day).plus(Duration.ofHours(1));
        StringBuilder csv = new StringBuilder("\\\\Hourly Ontario Energy Price (HOEP) Report\n")
                .append("\\\\CREATED AT ").append(est(published).format(CSV_TIME)).append('\n')
                .append("\\\\FOR ").append(day.format(CSV_DAY)).append('\n')
                .append("\\\\Hour,HOEP\n");
        for (int hour = 1; hour <= 24; hour++) {
            csv.append(hour).append(',').append(prices(0, day, hour, 0).lmp().toPlainString()).append('\n');
        }
        return new GeneratedFile(IesoFileName.dayFile(IesoReport.HOEP, day), csv.toString().getBytes(StandardCharsets.UTF_8), published);
    }

    private static StringBuilder xmlStart(String directory, String title, Instant published)
    {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<?xml-stylesheet type=\"text/xsl\" href=\"https://reports-public.ieso.ca/docrefs/stylesheet/").append(directory)
                .append("_HTML_t1-1.xsl\" ?>\n")
                .append("<Document docID=\"").append(directory).append("\" xmlns=\"").append(IesoMarket.XML_NAMESPACE)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"").append(IesoMarket.XML_NAMESPACE)
                .append(" https://reports-public.ieso.ca/docrefs/schema/").append(directory).append("_r1.xsd\">\n")
                .append("<DocHeader>\n")
                .append("<DocTitle>").append(title).append("</DocTitle>\n")
                .append("<DocRevision>1</DocRevision>\n")
                .append("<DocConfidentiality>\n<DocConfClass>PUB</DocConfClass>\n</DocConfidentiality>\n")
                .append("<CreatedAt>").append(est(published).format(XML_TIME)).append("</CreatedAt>\n")
                .append("</DocHeader>\n")
                .append("<DocBody>\n");
    }

    private static Instant dayAheadPublication(LocalDate day)
    {
        return IesoMarket.TIME.dayStart(day.minusDays(1)).plus(DAY_AHEAD_PUBLICATION);
    }

    private static Instant hourPublication(LocalDate day, int hour)
    {
        return IesoMarket.TIME.dayStart(day).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(2));
    }

    private static LocalDateTime est(Instant instant)
    {
        return LocalDateTime.ofInstant(instant, IesoMarket.TIME.zone());
    }

    private record Prices(BigDecimal lmp, BigDecimal loss, BigDecimal congestion)
    {
        String csv()
        {
            return lmp.toPlainString() + "," + loss.toPlainString() + "," + congestion.toPlainString();
        }
    }

    /** Made-up prices of location {@code index} (0 the Ontario zonal price), hour and interval (0 for hourly). */
    private Prices prices(int index, LocalDate day, int hour, int interval)
    {
        double time = hour - 1 + (interval == 0 ? 0.5 : (interval - 0.5) / 12.0);
        Random daily = new Random(seed * 31 + day.toEpochDay());
        double level = 25 + 15 * daily.nextDouble();
        double ramps = 10 * Math.exp(-Math.pow(time - 8, 2) / 3) + 25 * Math.exp(-Math.pow(time - 18.5, 2) / 4);
        double energy = level + ramps - 8 * Math.exp(-Math.pow(time - 3, 2) / 6);
        if (interval > 0) {
            Random noise = new Random(seed * 7919 + day.toEpochDay() * 400 + hour * 13L + interval);
            energy += noise.nextGaussian() * 3;
        }
        Random location = new Random(seed * 131 + index);
        double congestionWeight = index == 0 ? 0.1 : location.nextDouble() * 2 - 1;
        double lossWeight = index == 0 ? 0.01 : location.nextDouble() * 0.06 - 0.02;
        BigDecimal energyPart = scaled(energy);
        BigDecimal congestion = scaled(congestionWeight * (0.5 + 2 * Math.exp(-Math.pow(time - 18, 2) / 5)));
        BigDecimal loss = scaled(lossWeight * energy);
        return new Prices(energyPart.add(loss).add(congestion), loss, congestion);
    }

    private static BigDecimal scaled(double value)
    {
        BigDecimal scaled = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
        return scaled.signum() == 0 ? BigDecimal.ZERO.setScale(2) : scaled;
    }

    private static Path write(Path directory, GeneratedFile file)
            throws IOException
    {
        return SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc());
    }
}
