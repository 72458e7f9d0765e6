package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.market.BiddingZone;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates SYNTHETIC A44 answers of the Transparency Platform, in its exact format (a
 * {@code Publication_MarketDocument} in the {@code publicationdocument:7:3} namespace, tab-indented, one
 * {@code TimeSeries} per auction and resolution, times like {@code 2024-03-30T23:00Z}), named as the live source names
 * its payloads ({@code A44_FR_2024-03-31.xml}), with made-up prices. One document per zone and delivery day: an hourly
 * (PT60M) SDAC series before 2025-10-01 and a quarter-hour (PT15M) one from then; for DE_LU also the EXAA series
 * (sequence 2, PT15M); the Nordic zones use curve type A03 and leave out repeated prices, as ENTSO-E does.
 * Beside each, the zone's day-ahead load forecast (A65, process A01, {@code outBiddingZone_Domain}) and wind and solar
 * forecasts (A69, process A01, psrType B16 solar and B19 onshore wind) as {@code GL_MarketDocument}s, hourly, for
 * {@code curated.fundamentals}. Deterministic: the same days, zones and seed give the same bytes.
 */
public final class SyntheticEntsoe
{
    public static final String NAMESPACE = "urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> ZONES = List.of("DE_LU", "FR", "NL", "BE", "AT", "NO_2", "SE_3", "DK_1", "FI", "PL", "ES", "IT_NORD");
    /** How many zones the generator can write. */
    public static final int ZONE_COUNT = ZONES.size();

    private final long seed;

    public SyntheticEntsoe(long seed)
    {
        this.seed = seed;
    }

    /** The first {@code count} zones of DE_LU, FR, NL, BE, AT, NO_2, SE_3, DK_1, FI, PL, ES, IT_NORD. */
    public static List<BiddingZone> zones(int count)
    {
        if (count < 1 || count > ZONES.size()) {
            throw LakehouseException.userError("Cannot generate synthetic ENTSO-E prices for %d zones: choose 1..%d", count, ZONES.size());
        }
        return ZONES.subList(0, count).stream().map(EntsoeMarket::requireZone).toList();
    }

    /** A generated document: its name, bytes and when ENTSO-E would have created it. */
    public record GeneratedFile(String fileName, byte[] bytes, Instant createdAtUtc) {}

    /** Writes the documents of the days into {@code directory}, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days, List<BiddingZone> zones)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the format of ENTSO-E Transparency Platform A44 "
                    + "(day-ahead prices), A65 (load forecast) and A69 (wind and solar forecast) answers but every price and quantity is made up by SyntheticEntsoe (seed " + seed + "). Not market data.\n", StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>();
            for (LocalDate day : days) {
                for (BiddingZone zone : zones) {
                    if (!EntsoeMarket.existsOn(zone, day)) {
                        continue;
                    }
                    for (GeneratedFile file : List.of(dayAhead(zone, day), forecast(zone, day, "A65"), forecast(zone, day, "A69"))) {
                        Path path = directory.resolve(file.fileName());
                        if (!Files.exists(path) || !Arrays.equals(Files.readAllBytes(path), file.bytes())) {
                            Files.write(path, file.bytes());
                        }
                        files.add(path);
                    }
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic ENTSO-E files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** The A44 document of a zone and delivery day, created at 12:45 CET/CEST the day before. */
    public GeneratedFile dayAhead(BiddingZone zone, LocalDate day)
    {
        Instant start = EntsoeMarket.TIME.dayStart(day);
        Instant end = EntsoeMarket.TIME.dayEnd(day);
        Instant created = ZonedDateTime.of(day.minusDays(1).atTime(12, 45), EntsoeMarket.TIME.zone()).toInstant();
        boolean quarterHours = !day.isBefore(EntsoeMarket.SDAC_15_MINUTE_FIRST_DAY);
        boolean variableBlocks = zone.code().startsWith("NO_") || zone.code().startsWith("SE_") || zone.code().startsWith("DK_") || zone.code().equals("FI");
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Publication_MarketDocument xmlns=\"").append(NAMESPACE).append("\">\n")
                .append("\t<mRID>SYNTHETIC-").append(zone.code()).append('-').append(day).append("</mRID>\n")
                .append("\t<revisionNumber>1</revisionNumber>\n\t<type>A44</type>\n")
                .append("\t<sender_MarketParticipant.mRID codingScheme=\"A01\">10X1001A1001A450</sender_MarketParticipant.mRID>\n")
                .append("\t<sender_MarketParticipant.marketRole.type>A32</sender_MarketParticipant.marketRole.type>\n")
                .append("\t<receiver_MarketParticipant.mRID codingScheme=\"A01\">10X1001A1001A450</receiver_MarketParticipant.mRID>\n")
                .append("\t<receiver_MarketParticipant.marketRole.type>A33</receiver_MarketParticipant.marketRole.type>\n")
                .append("\t<createdDateTime>").append(created.toString().replace(".000", "")).append("</createdDateTime>\n")
                .append("\t<period.timeInterval>\n\t\t<start>").append(TIME.format(start)).append("</start>\n\t\t<end>").append(TIME.format(end))
                .append("</end>\n\t</period.timeInterval>\n");
        int series = 1;
        appendSeries(xml, series++, zone, 1, variableBlocks ? "A03" : "A01", start, end, quarterHours ? 15 : 60, prices(zone, day, quarterHours ? 15 : 60, 0));
        if (zone.code().equals("DE_LU") && quarterHours) {
            appendSeries(xml, series, zone, 2, "A01", start, end, 15, prices(zone, day, 15, 1));
        }
        xml.append("</Publication_MarketDocument>\n");
        return new GeneratedFile("A44_" + zone.code() + "_" + day + ".xml", xml.toString().getBytes(StandardCharsets.UTF_8), created);
    }

    /** The namespace of the load and generation documents (A65, A69). */
    public static final String GL_NAMESPACE = "urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:0";

    /**
     * A zone's day-ahead forecast document of a delivery day, created at 10:00 CET/CEST the day before: the load (A65) or
     * solar and onshore wind (A69), hourly, in MW.
     */
    public GeneratedFile forecast(BiddingZone zone, LocalDate day, String documentType)
    {
        Instant start = EntsoeMarket.TIME.dayStart(day);
        Instant end = EntsoeMarket.TIME.dayEnd(day);
        Instant created = ZonedDateTime.of(day.minusDays(1).atTime(10, 0), EntsoeMarket.TIME.zone()).toInstant();
        int hours = (int) Duration.between(start, end).toHours();
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GL_MarketDocument xmlns=\"").append(GL_NAMESPACE).append("\">\n")
                .append("\t<mRID>SYNTHETIC-").append(documentType).append('-').append(zone.code()).append('-').append(day).append("</mRID>\n")
                .append("\t<revisionNumber>1</revisionNumber>\n\t<type>").append(documentType).append("</type>\n")
                .append("\t<process.processType>A01</process.processType>\n")
                .append("\t<sender_MarketParticipant.mRID codingScheme=\"A01\">10X1001A1001A450</sender_MarketParticipant.mRID>\n")
                .append("\t<sender_MarketParticipant.marketRole.type>A32</sender_MarketParticipant.marketRole.type>\n")
                .append("\t<receiver_MarketParticipant.mRID codingScheme=\"A01\">10X1001A1001A450</receiver_MarketParticipant.mRID>\n")
                .append("\t<receiver_MarketParticipant.marketRole.type>A33</receiver_MarketParticipant.marketRole.type>\n")
                .append("\t<createdDateTime>").append(created.toString().replace(".000", "")).append("</createdDateTime>\n")
                .append("\t<time_Period.timeInterval>\n\t\t<start>").append(TIME.format(start)).append("</start>\n\t\t<end>").append(TIME.format(end))
                .append("</end>\n\t</time_Period.timeInterval>\n");
        Random random = new Random(seed * 37 + zone.code().hashCode() * 13L + day.toEpochDay() * 5 + documentType.hashCode());
        double size = 3000 + Math.floorMod(zone.code().hashCode(), 60000);
        if (documentType.equals("A65")) {
            appendQuantities(xml, 1, "A04", "outBiddingZone_Domain", zone, null, start, end, hour -> size * (0.8 + 0.2 * Math.sin(Math.PI * (hour - 6) / 12))
                    + random.nextGaussian() * size * 0.01, hours);
        }
        else {
            appendQuantities(xml, 1, "A94", "inBiddingZone_Domain", zone, "B16", start, end,
                    hour -> Math.max(0, size * 0.3 * Math.sin(Math.PI * (hour - 6) / 14)) * (hour >= 6 && hour <= 20 ? 1 : 0), hours);
            appendQuantities(xml, 2, "A94", "inBiddingZone_Domain", zone, "B19", start, end, hour -> size * (0.15 + 0.1 * random.nextDouble()), hours);
        }
        xml.append("</GL_MarketDocument>\n");
        return new GeneratedFile(documentType + "_A01_" + zone.code() + "_" + day + ".xml", xml.toString().getBytes(StandardCharsets.UTF_8), created);
    }

    private static void appendQuantities(StringBuilder xml, int number, String businessType, String domain, BiddingZone zone, String psrType, Instant start,
            Instant end, java.util.function.IntToDoubleFunction megawatts, int hours)
    {
        xml.append("\t<TimeSeries>\n\t\t<mRID>").append(number).append("</mRID>\n\t\t<businessType>").append(businessType).append("</businessType>\n")
                .append("\t\t<objectAggregation>A01</objectAggregation>\n")
                .append("\t\t<").append(domain).append(".mRID codingScheme=\"A01\">").append(zone.eic()).append("</").append(domain).append(".mRID>\n")
                .append("\t\t<quantity_Measure_Unit.name>MAW</quantity_Measure_Unit.name>\n\t\t<curveType>A01</curveType>\n");
        if (psrType != null) {
            xml.append("\t\t<MktPSRType>\n\t\t\t<psrType>").append(psrType).append("</psrType>\n\t\t</MktPSRType>\n");
        }
        xml.append("\t\t<Period>\n\t\t\t<timeInterval>\n\t\t\t\t<start>").append(TIME.format(start)).append("</start>\n\t\t\t\t<end>")
                .append(TIME.format(end)).append("</end>\n\t\t\t</timeInterval>\n\t\t\t<resolution>PT60M</resolution>\n");
        for (int i = 0; i < hours; i++) {
            int hour = ZonedDateTime.ofInstant(start.plus(Duration.ofHours(i)), EntsoeMarket.TIME.zone()).getHour();
            xml.append("\t\t\t<Point>\n\t\t\t\t<position>").append(i + 1).append("</position>\n\t\t\t\t<quantity>")
                    .append(Math.round(megawatts.applyAsDouble(hour))).append("</quantity>\n\t\t\t</Point>\n");
        }
        xml.append("\t\t</Period>\n\t</TimeSeries>\n");
    }

    private static void appendSeries(StringBuilder xml, int number, BiddingZone zone, int sequence, String curveType, Instant start, Instant end, int minutes,
            List<BigDecimal> prices)
    {
        xml.append("\t<TimeSeries>\n\t\t<mRID>").append(number).append("</mRID>\n")
                .append("\t\t<auction.type>A01</auction.type>\n\t\t<businessType>A62</businessType>\n")
                .append("\t\t<in_Domain.mRID codingScheme=\"A01\">").append(zone.eic()).append("</in_Domain.mRID>\n")
                .append("\t\t<out_Domain.mRID codingScheme=\"A01\">").append(zone.eic()).append("</out_Domain.mRID>\n")
                .append("\t\t<contract_MarketAgreement.type>A01</contract_MarketAgreement.type>\n")
                .append("\t\t<currency_Unit.name>EUR</currency_Unit.name>\n\t\t<price_Measure_Unit.name>MWH</price_Measure_Unit.name>\n")
                .append("\t\t<classificationSequence_AttributeInstanceComponent.position>").append(sequence)
                .append("</classificationSequence_AttributeInstanceComponent.position>\n")
                .append("\t\t<curveType>").append(curveType).append("</curveType>\n")
                .append("\t\t<Period>\n\t\t\t<timeInterval>\n\t\t\t\t<start>").append(TIME.format(start)).append("</start>\n\t\t\t\t<end>")
                .append(TIME.format(end)).append("</end>\n\t\t\t</timeInterval>\n\t\t\t<resolution>PT").append(minutes).append("M</resolution>\n");
        BigDecimal previous = null;
        for (int i = 0; i < prices.size(); i++) {
            BigDecimal price = prices.get(i);
            if (curveType.equals("A03") && price.equals(previous)) {
                continue;
            }
            xml.append("\t\t\t<Point>\n\t\t\t\t<position>").append(i + 1).append("</position>\n\t\t\t\t<price.amount>").append(price.toPlainString())
                    .append("</price.amount>\n\t\t\t</Point>\n");
            previous = price;
        }
        xml.append("\t\t</Period>\n\t</TimeSeries>\n");
    }

    /**
     * Made-up prices of a day: a zone level, morning and evening peaks, a midday solar trough, noise; the Nordic zones
     * hold one price for runs of intervals (what A03 leaves out). Two decimals, as ENTSO-E publishes.
     */
    private List<BigDecimal> prices(BiddingZone zone, LocalDate day, int minutes, int auction)
    {
        Random random = new Random(seed * 31 + zone.code().hashCode() * 17L + day.toEpochDay() * 7 + auction);
        Instant start = EntsoeMarket.TIME.dayStart(day);
        int count = (int) (Duration.between(start, EntsoeMarket.TIME.dayEnd(day)).toMinutes() / minutes);
        double level = 40 + Math.floorMod(zone.code().hashCode(), 50) + random.nextDouble() * 20;
        boolean flat = zone.code().startsWith("NO_") || zone.code().startsWith("SE_") || zone.code().startsWith("DK_") || zone.code().equals("FI");
        List<BigDecimal> prices = new ArrayList<>(count);
        BigDecimal held = null;
        for (int i = 0; i < count; i++) {
            double hour = ZonedDateTime.ofInstant(start.plus(Duration.ofMinutes((long) i * minutes)), EntsoeMarket.TIME.zone()).getHour()
                    + (i * minutes % 60) / 60.0;
            double shape = 15 * Math.exp(-Math.pow(hour - 8, 2) / 4) + 25 * Math.exp(-Math.pow(hour - 19, 2) / 5) - 30 * Math.exp(-Math.pow(hour - 13, 2) / 6);
            BigDecimal price = BigDecimal.valueOf(level + shape + random.nextGaussian() * 4).setScale(2, RoundingMode.HALF_UP);
            if (flat && held != null && random.nextDouble() < 0.4) {
                price = held;
            }
            prices.add(price);
            held = price;
        }
        return prices;
    }
}
