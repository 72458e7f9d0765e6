package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.parse;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.parseResource;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.records;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The A44 parser and price curation on hand-written SYNTHETIC documents in ENTSO-E's format: DST days, A03 gaps, mixed resolutions, sequences, acknowledgements, namespaces, refusals. */
class TestEntsoeParser
{
    private static final Instant PUBLISHED = Instant.parse("2025-01-01T12:00:00Z");

    private static CanonicalPrices prices(ParsedPayload parsed)
    {
        return EntsoePayloadPrices.canonical(records(parsed), parsed.publishedAtUtc().orElse(PUBLISHED), "fetch-1");
    }

    private static Map<String, Long> rowsPerDataset(CanonicalPrices prices)
    {
        return prices.rows().stream().collect(Collectors.groupingBy(PriceRow::dataset, java.util.TreeMap::new, Collectors.counting()));
    }

    @Test
    void springForward2024Has23Hours()
    {
        ParsedPayload parsed = parseResource("A44_FR_2024-03-31.xml");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-03-30T11:41:12Z"));
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 31));
        assertThat(parsed.contentKey()).contains("A44||10YFR-RTE------C|2024-03-30T23:00:00Z|2024-03-31T22:00:00Z");
        assertThat(records(parsed).get(0)).isEqualTo(new EntsoePointRecord(EntsoeReport.A44, 1, records(parsed).get(0).lineNumber(), 1, "1", "A62", null, "A01",
                "10YFR-RTE------C", null, 1, "EUR", "MWH", "A01", "PT60M", Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T22:00:00Z"), 1,
                Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T00:00:00Z"), 60.0, Instant.parse("2024-03-30T11:41:12Z")));

        CanonicalPrices prices = prices(parsed);
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(23);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(IntStream.rangeClosed(1, 23).boxed().toList());
        PriceRow third = prices.rows().get(2);
        // 01:00Z is 03:00 CEST: the third hour of a 23-hour day
        assertThat(third).isEqualTo(new PriceRow("ENTSOE", "da_hourly", "FR", "zone", Instant.parse("2024-03-31T01:00:00Z"),
                Instant.parse("2024-03-31T02:00:00Z"), 60, LocalDate.of(2024, 3, 31), 3, 63.0, null, null, null, null, "EUR",
                Instant.parse("2024-03-30T11:41:12Z"), 1, "fetch-1", List.of()));
    }

    @Test
    void fallBack2024Has25HoursAndNegativePrices()
    {
        CanonicalPrices prices = prices(parseResource("A44_FR_2024-10-27.xml"));

        assertThat(prices.rows()).hasSize(25);
        assertThat(prices.rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2024, 10, 27));
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(prices.rows().get(0).pricePerMwh()).isEqualTo(-6.0);
        assertThat(prices.rows().get(24).intervalEndUtc()).isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
    }

    @Test
    void springForward2025KeepsSdacHoursApartFromExaaQuarterHours()
    {
        ParsedPayload parsed = parseResource("A44_DE_LU_2025-03-30.xml");
        CanonicalPrices prices = prices(parsed);

        assertThat(prices.rejected()).isEmpty();
        assertThat(rowsPerDataset(prices)).containsExactly(Map.entry("da_hourly", 23L), Map.entry("exaa_15min", 92L));
        assertThat(prices.rows()).extracting(PriceRow::locationId).containsOnly("DE_LU");
        assertThat(prices.rows()).filteredOn(row -> row.dataset().equals("exaa_15min")).extracting(PriceRow::intervalMinutes).containsOnly(15);
        assertThat(records(parsed)).extracting(EntsoePointRecord::classificationSequence).containsOnly(1, 2);
    }

    @Test
    void fallBack2025Has100QuarterHoursWithA03GapsFilled()
    {
        ParsedPayload parsed = parseResource("A44_BE_2025-10-26.xml");
        assertThat(records(parsed)).hasSize(82);

        CanonicalPrices prices = prices(parsed);

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(100);
        assertThat(prices.rows()).extracting(PriceRow::dataset).containsOnly("da_15min");
        assertThat(prices.rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2025, 10, 26));
        // positions 2..4 repeat position 1; 50..60 repeat 49; 97..100 repeat 96 up to the period's end
        List<PriceRow> filled = prices.rows().stream().filter(row -> row.dqFlags().contains(EntsoePayloadPrices.A03_FILLED)).toList();
        assertThat(filled).hasSize(3 + 11 + 4);
        assertThat(prices.rows().subList(0, 4)).extracting(PriceRow::pricePerMwh).containsOnly(90.0);
        assertThat(prices.rows().subList(48, 60)).extracting(PriceRow::pricePerMwh).containsOnly(94.8);
        assertThat(prices.rows().subList(95, 100)).extracting(PriceRow::pricePerMwh).containsOnly(99.5);
        assertThat(prices.rows().get(99).intervalStartUtc()).isEqualTo(Instant.parse("2025-10-26T22:45:00Z"));
        assertThat(prices.rows().get(99).hourEnding()).isEqualTo(25);
        assertThat(prices.rows().get(0).dqFlags()).isEmpty();
    }

    @Test
    void mixedResolutionsInOneAnswerFeedTheirOwnDatasets()
    {
        ParsedPayload parsed = parseResource("A44_NL_2025-09-30_2025-10-01.xml");
        CanonicalPrices prices = prices(parsed);

        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 1));
        assertThat(rowsPerDataset(prices)).containsExactly(Map.entry("da_15min", 96L), Map.entry("da_hourly", 24L));
        assertThat(prices.rows()).filteredOn(row -> row.dataset().equals("da_hourly")).extracting(PriceRow::operatingDate)
                .containsOnly(LocalDate.of(2025, 9, 30));
        assertThat(prices.rows()).filteredOn(row -> row.dataset().equals("da_15min")).extracting(PriceRow::operatingDate)
                .containsOnly(LocalDate.of(2025, 10, 1));
    }

    @Test
    void sequenceTwoAloneIsNeverTakenForSdac()
    {
        CanonicalPrices prices = prices(parseResource("A44_AT_2026-07-01.xml"));

        assertThat(rowsPerDataset(prices)).containsExactly(Map.entry("exaa_15min", 96L));
    }

    @Test
    void quarterHoursOfDeLuBeforeSdacWentQuarterHourlyAreExaaWhenTheSequenceIsMissing()
    {
        String withoutSequence = new String(resource("A44_DE_LU_2025-03-30.xml"), StandardCharsets.UTF_8)
                .replaceAll("\\s*<classificationSequence_AttributeInstanceComponent.position>\\d</classificationSequence_AttributeInstanceComponent.position>", "");
        CanonicalPrices prices = prices(parse(EntsoeReport.A44, "A44_DE_LU_2025-03-30.xml", withoutSequence));

        assertThat(rowsPerDataset(prices)).containsExactly(Map.entry("da_hourly", 23L), Map.entry("exaa_15min", 92L));
        assertThat(prices.rows()).filteredOn(row -> row.dataset().equals("exaa_15min")).allSatisfy(row ->
                assertThat(row.dqFlags()).containsExactly(EntsoePayloadPrices.SEQUENCE_INFERRED));
        assertThat(prices.rows()).filteredOn(row -> row.dataset().equals("da_hourly")).allSatisfy(row -> assertThat(row.dqFlags()).isEmpty());
    }

    @Test
    void noMatchingDataAcknowledgementIsNoData()
    {
        ParsedPayload parsed = parseResource("ack_no_matching_data.xml");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.operatorErrorCode()).contains("999");
        assertThat(parsed.detail().orElseThrow()).startsWith("No matching data found for Data item Day-ahead Prices [12.1.D]");
        assertThat(parsed.records()).isEmpty();

        // ENTSO-E may send it with HTTP 400: still no data
        Payload payload = new Payload(EntsoeMarket.SOURCE, "a44", Payload.Origin.LIVE, "A44||FR|2030-01-01", Optional.empty(), "A44_FR_2030-01-01.xml",
                PUBLISHED, 400, resource("ack_no_matching_data.xml"));
        assertThat(new EntsoeParser().parse(payload).outcome()).isEqualTo(FetchOutcome.NO_DATA);
    }

    @Test
    void otherAcknowledgementsAndErrorPagesAreOperatorErrors()
    {
        ParsedPayload parsed = parseResource("ack_bad_parameters.xml");
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(parsed.detail()).contains("ENTSO-E acknowledged ack_bad_parameters.xml with reason 999: Invalid query attributes or parameters: check you "
                + "request against dependency tables");

        Payload page = new Payload(EntsoeMarket.SOURCE, "a44", Payload.Origin.LIVE, "key", Optional.empty(), "A44_FR_2024-07-01.xml", PUBLISHED, 503,
                "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
        ParsedPayload answer = new EntsoeParser().parse(page);
        assertThat(answer.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(answer.operatorErrorCode()).contains("HTTP 503");
    }

    @Test
    void matchesLocalNamesInAnyVersionOrPrefixOfTheNamespace()
    {
        String text = new String(resource("A44_FR_2024-03-31.xml"), StandardCharsets.UTF_8);
        String version70 = text.replace("publicationdocument:7:3", "publicationdocument:7:0");
        String prefixed = text.replace("<Publication_MarketDocument xmlns=", "<ns2:Publication_MarketDocument xmlns:ns2=")
                .replace("</Publication_MarketDocument>", "</ns2:Publication_MarketDocument>")
                .replaceAll("<(/?)(?!ns2:|\\?)([A-Za-z_.]+)", "<$1ns2:$2");

        for (String variant : List.of(version70, prefixed)) {
            ParsedPayload parsed = parse(EntsoeReport.A44, "A44_FR_2024-03-31.xml", variant);
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(records(parsed)).hasSize(23);
        }

        ParsedPayload foreign = parse(EntsoeReport.A44, "prices.xml", text.replace("urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3", "urn:example:prices"));
        assertThat(foreign.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(foreign.detail()).contains("Cannot parse ENTSO-E document prices.xml as A44: the root element Publication_MarketDocument is in namespace "
                + "'urn:example:prices', not an IEC 62325-451 one (urn:iec62325.351:tc57wg16:451-...)");
    }

    @Test
    void refusesWholeDocumentsThatAreNotA44Answers()
    {
        assertThat(parse(EntsoeReport.A44, "x.xml", "").detail()).contains("Cannot parse ENTSO-E document x.xml as A44: the payload is empty");
        assertThat(parse(EntsoeReport.A44, "x.xml", "PK\u0003\u0004...").detail())
                .contains("Cannot parse ENTSO-E document x.xml as A44: it is a zip archive, not an XML document (A44 answers are plain XML)");
        ParsedPayload truncated = parse(EntsoeReport.A44, "x.xml", new String(resource("A44_FR_2024-03-31.xml"), StandardCharsets.UTF_8).substring(0, 2000));
        assertThat(truncated.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(truncated.detail().orElseThrow()).startsWith("Cannot parse ENTSO-E document x.xml as A44: it is not well-formed XML (line");
        assertThat(parse(EntsoeReport.A44, "x.xml", "<GL_MarketDocument xmlns=\"urn:iec62325.351:tc57wg16:451-6:generationloaddocument:3:0\"/>").detail())
                .contains("Cannot parse ENTSO-E document x.xml as A44: the root element is GL_MarketDocument, a A44 answer is a Publication_MarketDocument");
        String a25 = new String(resource("A44_FR_2024-03-31.xml"), StandardCharsets.UTF_8).replace("<type>A44</type>", "<type>A25</type>");
        assertThat(parse(EntsoeReport.A44, "x.xml", a25).detail()).contains("Cannot parse ENTSO-E document x.xml as A44: its type is A25, not A44");
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Publication_MarketDocument xmlns=\"urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3\"><type>&e;</type></Publication_MarketDocument>";
        assertThat(parse(EntsoeReport.A44, "x.xml", entity).outcome()).isEqualTo(FetchOutcome.REJECTED);
    }

    @Test
    void rejectsBadPointsAloneAndKeepsTheRest()
    {
        String text = new String(resource("A44_FR_2024-03-31.xml"), StandardCharsets.UTF_8)
                .replace("<price.amount>61.50</price.amount>", "<price.amount>n/a</price.amount>")
                .replace("<position>23</position>", "<position>24</position>")
                .replace("<price.amount>1,000.00</price.amount>", "")
                .replace("<price.amount>63.00</price.amount>", "<price.amount>1,063.00</price.amount>");
        ParsedPayload parsed = parse(EntsoeReport.A44, "A44_FR_2024-03-31.xml", text);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).hasSize(21);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly("price.amount 'n/a' is not a number",
                "position 24 is outside its period 2024-03-30T23:00:00Z..2024-03-31T22:00:00Z of 23 PT60M positions");
        assertThat(parsed.rejected()).allSatisfy(rejected -> assertThat(rejected.lineNumber()).isPresent());
        // thousands separators are tolerated
        assertThat(records(parsed).get(1).value()).isEqualTo(1063.0);

        String badResolution = new String(resource("A44_FR_2024-03-31.xml"), StandardCharsets.UTF_8).replace("PT60M", "P1Y");
        ParsedPayload period = parse(EntsoeReport.A44, "A44_FR_2024-03-31.xml", badResolution);
        assertThat(period.records()).isEmpty();
        assertThat(period.rejected()).hasSize(23);
        assertThat(period.rejected().get(0).reason()).matches("Period \\(line \\d+\\) has resolution 'P1Y', not a length that divides a day like PT60M or PT15M");
    }

    @Test
    void curationRefusesUnknownZonesOtherContractsAndDisagreeingDuplicates()
    {
        String text = new String(resource("A44_FR_2024-03-31.xml"), StandardCharsets.UTF_8);
        String unknownZone = text.replace("10YFR-RTE------C", "10YXX-UNKNOWN--0");
        CanonicalPrices unknown = prices(parse(EntsoeReport.A44, "x.xml", unknownZone));
        assertThat(unknown.rows()).isEmpty();
        assertThat(unknown.rejected()).hasSize(23);
        assertThat(unknown.rejected().get(0).reason()).isEqualTo("zone EIC 10YXX-UNKNOWN--0 is not a bidding zone of the registry (Markets.biddingZones())");

        CanonicalPrices halfHours = prices(parse(EntsoeReport.A44, "x.xml", text.replace("PT60M", "PT30M").replace("2024-03-31T22:00Z", "2024-03-31T10:30Z")));
        assertThat(halfHours.rows()).isEmpty();
        assertThat(halfHours.rejected()).hasSize(23);
        assertThat(halfHours.rejected().get(0).reason()).isEqualTo("a PT30M series of classification sequence 1 would feed da_30min, which A44 does not "
                + "declare (da_hourly, da_15min, exaa_15min)");

        String intraday = text.replace("<contract_MarketAgreement.type>A01</contract_MarketAgreement.type>",
                "<contract_MarketAgreement.type>A07</contract_MarketAgreement.type>");
        assertThat(prices(parse(EntsoeReport.A44, "x.xml", intraday)).rejected().get(0).reason()).isEqualTo("contract type A07 is not A01 (day-ahead)");

        // the same series twice: equal prices collapse, a changed price is refused for its interval only
        int seriesStart = text.indexOf("\t<TimeSeries>");
        int seriesEnd = text.indexOf("</TimeSeries>") + "</TimeSeries>\n".length();
        String series = text.substring(seriesStart, seriesEnd);
        String twice = text.substring(0, seriesEnd) + series.replace("<price.amount>61.50</price.amount>", "<price.amount>62.25</price.amount>")
                + text.substring(seriesEnd);
        CanonicalPrices duplicated = prices(parse(EntsoeReport.A44, "x.xml", twice));
        assertThat(duplicated.rows()).hasSize(22);
        assertThat(duplicated.rows()).allSatisfy(row -> assertThat(row.dqFlags()).containsExactly("duplicate_rows_collapsed"));
        assertThat(duplicated.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.intervalStartUtc()).isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
            assertThat(rejected.reason()).isEqualTo("points of one zone, dataset da_hourly and interval disagree: 61.5 (point 2) vs 62.25 (point 25)");
        });
    }
}
