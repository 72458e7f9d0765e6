package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parse;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The Ontario zonal price XMLs (DAHourlyOntarioZonalPrice, RealtimeOntarioZonalPrice in both schemas) on hand-written SYNTHETIC files in IESO's layout. */
class TestIesoZonalPriceParser
{
    @Test
    void readsTheDayAheadZonalPriceInItsNamespaceOnTheFallBackDay()
    {
        ParsedPayload parsed = parseResource(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<IesoPriceRecord> records = records(parsed);
        assertThat(records).hasSize(24);
        assertThat(records).extracting(IesoPriceRecord::deliveryHour).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                22, 23, 24);
        assertThat(records).extracting(IesoPriceRecord::locationId).containsOnly("ONTARIO");
        assertThat(records.get(0).intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T05:00:00Z"));
        assertThat(records.get(1).intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T06:00:00Z"));
        assertThat(records.get(23).intervalEndUtc()).isEqualTo(Instant.parse("2025-11-03T05:00:00Z"));
        assertThat(records.get(0).congestion()).isEqualTo(-0.26);
        assertThat(records.get(6).flag()).isEqualTo("Y");
        assertThat(records.get(0).flag()).isNull();
        assertThat(records.get(0).sourceIndex()).isEqualTo(1);
        // CreatedAt is EST without an offset
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2025-11-01T18:32:40Z"));
        assertThat(parsed.contentKey()).contains("DAHourlyOntarioZonalPrice|2025-11-02");
    }

    @Test
    void readsTheRealTimeZonalPriceInTheCurrentSchemaAndRejectsAnEmptyInterval()
    {
        ParsedPayload parsed = parseResource(IesoReport.RT_ONTARIO_ZONAL_PRICE, "PUB_RealtimeOntarioZonalPrice_2025110202.xml");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        List<IesoPriceRecord> records = records(parsed);
        assertThat(records).hasSize(11);
        assertThat(records.get(0).intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T06:00:00Z"));
        assertThat(records.get(10).intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T06:50:00Z"));
        assertThat(records.get(10).interval()).isEqualTo(11);
        // interval 12 is listed with every price empty: not priced yet, neither a price nor an error
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.detail()).contains("1 intervals not priced yet (empty)");
        // a price missing beside its components is an error
        String broken = text("PUB_RealtimeOntarioZonalPrice_2025110202.xml").replace("<LossPriceCap></LossPriceCap>", "<LossPriceCap>0.1</LossPriceCap>");
        assertThat(parse(IesoReport.RT_ONTARIO_ZONAL_PRICE, "PUB_RealtimeOntarioZonalPrice_2025110202.xml", broken).rejected()).singleElement()
                .satisfies(rejected -> {
                    assertThat(rejected.reason()).isEqualTo("LmpCap of interval 12 is empty, its components are not (element ZonalPrice at line 77)");
                    assertThat(rejected.record()).contains("<ZonalPrice><Interval>12</Interval><LmpCap></LmpCap><LossPriceCap>0.1</LossPriceCap>"
                            + "<CongPriceCap></CongPriceCap></ZonalPrice>");
                });
        // an hour file listing no priced interval yet is no data
        String none = text("PUB_RealtimeOntarioZonalPrice_2025110202.xml").replaceAll("<(LmpCap|LossPriceCap|CongPriceCap)>[^<]*<", "<$1><");
        ParsedPayload empty = parse(IesoReport.RT_ONTARIO_ZONAL_PRICE, "PUB_RealtimeOntarioZonalPrice_2025110202.xml", none);
        assertThat(empty.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(empty.detail()).contains("the file has no prices yet (12 intervals listed with empty prices)");
        assertThat(parsed.contentKey()).contains("RealtimeOntarioZonalPrice|2025-11-02|02");
    }

    @Test
    void readsTheEarlierRealTimeSchemaOfComponentsPerInterval()
    {
        ParsedPayload parsed = parseResource(IesoReport.RT_ONTARIO_ZONAL_PRICE, "PUB_RealtimeOntarioZonalPrice_2026030401.xml");

        assertThat(parsed.rejected()).isEmpty();
        List<IesoPriceRecord> records = records(parsed);
        assertThat(records).hasSize(12);
        IesoPriceRecord first = records.get(0);
        assertThat(first.deliveryDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(first.deliveryHour()).isEqualTo(1);
        assertThat(first.intervalStartUtc()).isEqualTo(Instant.parse("2026-03-04T05:00:00Z"));
        assertThat(first.price()).isEqualTo(35.11);
        assertThat(first.loss()).isEqualTo(0.42);
        assertThat(first.congestion()).isEqualTo(-0.26);
        assertThat(records.get(11).intervalEndUtc()).isEqualTo(Instant.parse("2026-03-04T06:00:00Z"));
    }

    @Test
    void matchesElementsByNamespaceNotByPrefix()
    {
        // the same document with the IESO namespace bound to a prefix instead of the default
        String prefixed = text("PUB_DAHourlyOntarioZonalPrice_20251102.xml")
                .replace("xmlns=\"http://www.ieso.ca/schema\"", "xmlns:ieso=\"http://www.ieso.ca/schema\"")
                .replaceAll("<(/?)([A-Z])", "<$1ieso:$2");
        assertThat(records(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml", prefixed))).hasSize(24);

        String otherNamespace = text("PUB_DAHourlyOntarioZonalPrice_20251102.xml").replace("http://www.ieso.ca/schema", "http://example.com/other");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml", otherNamespace).detail()).contains(
                "Cannot parse IESO file PUB_DAHourlyOntarioZonalPrice_20251102.xml as DAHourlyOntarioZonalPrice: its root element Document is in namespace "
                        + "'http://example.com/other', not IESO's http://www.ieso.ca/schema");
        String none = text("PUB_DAHourlyOntarioZonalPrice_20251102.xml").replace(" xmlns=\"http://www.ieso.ca/schema\"", "");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", none).detail().orElseThrow()).endsWith(
                "its root element Document is in namespace '', not IESO's http://www.ieso.ca/schema");
    }

    @Test
    void quarantinesDuplicatePricingHours()
    {
        String xml = text("PUB_DAHourlyOntarioZonalPrice_20251102.xml").replace("<PricingHour>3</PricingHour>", "<PricingHour>2</PricingHour>");
        ParsedPayload parsed = parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml", xml);

        assertThat(records(parsed)).hasSize(22);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsOnly(
                "duplicate hour ending 2 for ONTARIO on delivery day 2025-11-02 (elements 2, 3): quarantined, not renumbered");
        assertThat(parsed.rejected()).hasSize(2);
    }

    @Test
    void refusesFilesOfTheOtherReportAndBrokenXml()
    {
        String dayAhead = text("PUB_DAHourlyOntarioZonalPrice_20251102.xml");
        String realTime = text("PUB_RealtimeOntarioZonalPrice_2025110202.xml");
        assertThat(parse(IesoReport.RT_ONTARIO_ZONAL_PRICE, "x.xml", dayAhead).detail().orElseThrow())
                .endsWith("it has no DeliveryHour element and its DeliveryDate '2025-11-02' names no hour (a day-ahead file?)");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", realTime).detail().orElseThrow())
                .endsWith("it has no HourlyPriceComponents element (a real-time file?)");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyEnergyLMP_20251102.csv", dayAhead).detail().orElseThrow())
                .endsWith("its name says it is a DAHourlyEnergyLMP file (da_hourly_energy_lmp)");
        ParsedPayload truncated = parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", dayAhead.substring(0, dayAhead.length() / 2));
        assertThat(truncated.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(truncated.detail().orElseThrow()).contains("Cannot parse IESO file x.xml as DAHourlyOntarioZonalPrice: it is not well-formed XML at line");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", dayAhead.replace("<DeliveryDate>2025-11-02</DeliveryDate>", "")).detail().orElseThrow())
                .endsWith("it has no DeliveryDate element in namespace http://www.ieso.ca/schema");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", dayAhead.replace("<ZonalPrice>", "<ZonalPrice>x")).rejected())
                .extracting(RejectedRecord::reason).first().asString().startsWith("ZonalPrice 'x");
        // an entity the document does not declare is refused, never fetched
        String external = dayAhead.replace("<?xml-stylesheet", "<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><?xml-stylesheet")
                .replace("<DocTitle>", "<DocTitle>&x;");
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", external).outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "x.xml", "").outcome()).isEqualTo(FetchOutcome.NO_DATA);
    }

    @Test
    void readsEveryBodyOfADocumentAndTheImoNamespace()
    {
        String xml = text("PUB_RealtimeOntarioZonalPrice_2025110202.xml");
        // an automated document repeats header and body pairs: two bodies of the same hour are read as one file, their ordinals continue
        int bodyStart = xml.indexOf("  <DocHeader>");
        int bodyEnd = xml.indexOf("</Document>");
        String twoBodies = xml.substring(0, bodyEnd) + xml.substring(bodyStart, bodyEnd) + "</Document>\n";
        ParsedPayload parsed = parse(IesoReport.RT_ONTARIO_ZONAL_PRICE, "PUB_RealtimeOntarioZonalPrice_2025110202.xml", twoBodies);
        // the same 11 intervals twice: quarantined as duplicates
        assertThat(records(parsed)).isEmpty();
        assertThat(parsed.rejected()).hasSize(22);
        assertThat(parsed.rejected().get(0).reason()).isEqualTo(
                "duplicate hour ending 2 interval 1 for ONTARIO on delivery day 2025-11-02 (elements 1, 13): quarantined, not renumbered");

        String legacy = text("PUB_DAHourlyOntarioZonalPrice_20251102.xml").replace("http://www.ieso.ca/schema", "http://www.theIMO.com/schema");
        assertThat(records(parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml", legacy))).hasSize(24);
    }
}
