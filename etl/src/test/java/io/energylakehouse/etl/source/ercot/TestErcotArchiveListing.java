package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The public API's archive listing: the real NP3-911-ER listing of ../shared/fixtures/real/ercot, read in place (the test is
 * skipped when the shared folder is absent), and hand-written listings of our reports.
 */
class TestErcotArchiveListing
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_LISTING = SHARED.resolve("fixtures/real/ercot/NP3-911-ER_archive_listing_20241105.json");

    @Test
    void readsTheRealListing()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_LISTING), "the shared real fixture " + REAL_LISTING + " is absent");
        ErcotArchiveListing listing;
        try (InputStream input = Files.newInputStream(REAL_LISTING)) {
            listing = ErcotArchiveListing.parse(input, REAL_LISTING.getFileName().toString());
        }

        assertThat(listing.emilId()).isEqualTo("NP3-911-ER");
        assertThat(listing.productName()).contains("2-Day Ancillary Services Reports");
        assertThat(listing.reportTypeId()).contains(13057);
        assertThat(listing.totalRecords()).isEqualTo(1);
        assertThat(listing.nextPage()).isEmpty();
        assertThat(listing.documents()).containsExactly(new ErcotArchiveListing.Document(1049861718L, "2_Day_AS_Disclosure",
                LocalDateTime.parse("2024-11-05T03:16:10"),
                // Central standard time again after the fall-back day: UTC-6
                Instant.parse("2024-11-05T09:16:10Z"),
                URI.create("https://api.ercot.com/api/public-reports/archive/np3-911-er?download=1049861718")));
        // posted two days after its operating day, the fall-back day 2024-11-03
        assertThat(listing.deliveryDate(listing.documents().get(0))).isEqualTo(LocalDate.of(2024, 11, 3));
        assertThat(listing.forDeliveryDates(LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3))).hasSize(1);
        assertThat(listing.forDeliveryDates(LocalDate.of(2024, 11, 4), LocalDate.of(2024, 11, 10))).isEmpty();
        assertThat(listing.postedBetween(Instant.parse("2024-11-05T06:00:00Z"), Instant.parse("2024-11-06T06:00:00Z"))).hasSize(1);
        assertThatThrownBy(() -> listing.forDeliveryDates(ErcotReport.DAM_SPP, LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3)))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot select ERCOT NP4-190-CD documents from an archive listing of NP3-911-ER (2-Day Ancillary Services Reports): not NP4-190");
    }

    @Test
    void selectsDamDocumentsPostedTheDayBefore()
    {
        ErcotArchiveListing listing = listing("NP4-190-CD", 2, 3,
                archive(901, "DAMSPNP4190", "2024-11-01T13:30:07.000"),
                archive(902, "DAMSPNP4190", "2024-11-02T13:30:09.000"),
                archive(903, "DAMSPNP4190", "2024-11-03T13:31:02.000"));

        assertThat(listing.nextPage()).contains(3);
        assertThat(listing.forDeliveryDates(ErcotReport.DAM_SPP, LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 4)))
                .extracting(ErcotArchiveListing.Document::docId).containsExactly(902L, 903L);
        // 13:30 CDT on 2024-11-02, 13:31 CST on 2024-11-03
        assertThat(listing.documents()).extracting(ErcotArchiveListing.Document::postedAtUtc)
                .containsExactly(Instant.parse("2024-11-01T18:30:07Z"), Instant.parse("2024-11-02T18:30:09Z"), Instant.parse("2024-11-03T19:31:02Z"));
    }

    @Test
    void selectsRealTimeDocumentsByTheirIntervalAndTellsTheRepeatedHour()
    {
        ErcotArchiveListing listing = listing("NP6-905-CD", 1, 1,
                archive(1, "SPPHLZNP6905_20241103_0000", "2024-11-03T00:01:35.000"),
                archive(2, "SPPHLZNP6905_20241103_0115", "2024-11-03T01:16:35.000"),
                archive(3, "SPPHLZNP6905_20241103_0115_xhr", "2024-11-03T01:16:35.000"),
                archive(4, "SPPHLZNP6905_retry_20241103_0115", "2024-11-03T02:10:00.000"),
                archive(5, "SPPHLZNP6905_20241104_0000", "2024-11-04T00:01:35.000"));

        // the interval ending at midnight belongs to the day before
        assertThat(listing.forDeliveryDates(ErcotReport.RT_SPP, LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3)))
                .extracting(ErcotArchiveListing.Document::docId).containsExactly(2L, 3L, 4L, 5L);
        assertThat(listing.documents().stream().filter(document -> document.docId() <= 3).map(ErcotArchiveListing.Document::postedAtUtc))
                .containsExactly(Instant.parse("2024-11-03T05:01:35Z"), Instant.parse("2024-11-03T06:16:35Z"), Instant.parse("2024-11-03T07:16:35Z"));
    }

    @Test
    void rejectsWhatIsNoListing()
    {
        assertThatThrownBy(() -> ErcotArchiveListing.parse(stream("{\"_meta\":{},\"fields\":[],\"data\":[]}"), "page.json"))
                .hasMessage("Cannot read ERCOT archive listing page.json: no archives[] array (a page of report data, not an archive listing)");
        assertThatThrownBy(() -> ErcotArchiveListing.parse(stream("{\"product\":{\"emilId\":\"NP4-190-CD\"},\"archives\":[{\"docId\":1}]}"), "l.json"))
                .hasMessage("Cannot read ERCOT archive listing l.json: archive 1 (docId 1) has no postDatetime");
        assertThatThrownBy(() -> ErcotArchiveListing.parse(stream("{\"archives\":"), "cut.json"))
                .hasMessageStartingWith("Cannot read ERCOT archive listing cut.json: not readable JSON (");
        ErcotArchiveListing other = listing("NP4-732-CD", 1, 1, archive(1, "x", "2024-11-03T10:00:00.000"));
        assertThatThrownBy(() -> other.forDeliveryDates(LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3)))
                .hasMessageStartingWith("Cannot select ERCOT NP4-732-CD documents by delivery date: the product's posting schedule is not known");
    }

    private static String archive(long docId, String friendlyName, String posted)
    {
        return "{\"docId\":" + docId + ",\"friendlyName\":\"" + friendlyName + "\",\"postDatetime\":\"" + posted
                + "\",\"_links\":{\"endpoint\":{\"href\":\"https://api.ercot.com/api/public-reports/archive/x?download=" + docId + "\"}}}";
    }

    private static ErcotArchiveListing listing(String emilId, int currentPage, int totalPages, String... archives)
    {
        String json = "{\"_meta\":{\"totalRecords\":" + archives.length + ",\"pageSize\":1000,\"totalPages\":" + totalPages + ",\"currentPage\":" + currentPage
                + "},\"product\":{\"emilId\":\"" + emilId + "\",\"name\":\"test\"},\"archives\":[" + String.join(",", archives) + "]}";
        ErcotArchiveListing listing = ErcotArchiveListing.parse(stream(json), "listing.json");
        assertThat(listing.productName()).isEqualTo(Optional.of("test"));
        assertThat(listing.documents()).hasSize(archives.length);
        return listing;
    }

    private static InputStream stream(String text)
    {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

}
