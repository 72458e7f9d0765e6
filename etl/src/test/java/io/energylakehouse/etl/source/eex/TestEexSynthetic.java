package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static io.energylakehouse.etl.source.eex.EexTestFiles.payload;
import static io.energylakehouse.etl.source.eex.EexTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample generator: labelled synthetic reports in the 2022 layout, the same bytes for a seed, read back and curated whole. */
class TestEexSynthetic
{
    private static final List<LocalDate> DAYS = Stream.iterate(LocalDate.of(2023, 12, 1), day -> day.plusDays(1)).limit(75).toList();

    @Test
    void writesLabelledReportsThatParseAndCurateWhole(@TempDir Path folder)
            throws IOException
    {
        List<Path> files = new EexConnector().samples().orElseThrow().write(folder, DAYS, 0, 42);

        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("emission-spot-primary-market-auction-report-2023-data.xlsx",
                "emission-spot-primary-market-auction-report-2024-data.xlsx");
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        List<SyntheticEex.Auction> auctions = new SyntheticEex(42).auctions(DAYS);
        int read = 0;
        for (Path file : files) {
            ParsedPayload parsed = new EexAuctionParser().parse(payload(file));
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).isEmpty();
            assertThat(new EexConnector().reportOfFile(file.getFileName().toString())).contains(EexConnector.EUA_PRIMARY_AUCTION);
            List<EexAuctionRecord> records = records(parsed);
            read += records.size();
            CanonicalRecords curated = EexAuctionPrices.canonicalRecords(records, Instant.parse("2024-03-01T00:00:00Z"), "synthetic");
            assertThat(curated.rejected()).isEmpty();
            for (Row row : curated.rows()) {
                EexRows.assertFits(CanonicalTables.SPOT_PRICES, row);
            }
            assertThat(curated.rows()).extracting(row -> row.getString(1)).isSubsetOf("EUA_AUCTION_EU", "EUA_AUCTION_DE", "EUA_AUCTION_PL", "EUAA_AUCTION_EU");
        }
        assertThat(read).isEqualTo(auctions.size());
        // a weekday holds one or two auctions (three on a first Wednesday); no weekend auctions
        assertThat(auctions).extracting(auction -> auction.date().getDayOfWeek().getValue()).allMatch(day -> day <= 5);
        assertThat(auctions).filteredOn(SyntheticEex.Auction::cancelled).allSatisfy(auction -> assertThat(auction.bidVolume()).isLessThan(auction.volume()));
        // the file's modification time is the publication of its newest auction (the CAP3 EU auction of Tuesday 13 February at 11:00:50 CET, plus 15 minutes)
        assertThat(Files.getLastModifiedTime(files.get(1)).toInstant()).isEqualTo(Instant.parse("2024-02-13T10:15:50Z"));
    }

    @Test
    void givesTheSameBytesForTheSameSeedAndOthersForAnother()
    {
        List<LocalDate> days = DAYS.subList(0, 10);
        byte[] first = new SyntheticEex(42).files(days).get(0).bytes();
        assertThat(new SyntheticEex(42).files(days).get(0).bytes()).isEqualTo(first);
        assertThat(new SyntheticEex(43).files(days).get(0).bytes()).isNotEqualTo(first);
    }

    @Test
    void labelsTheWorkbookSynthetic()
    {
        ParsedPayload parsed = new EexAuctionParser().parse(payload("emission-spot-primary-market-auction-report-2023-data.xlsx",
                new SyntheticEex(1).files(DAYS.subList(0, 5)).get(0).bytes()));
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(SyntheticEex.TITLE).contains("SYNTHETIC");
        assertThat(records(parsed)).extracting(EexAuctionRecord::auctionTime).doesNotContainNull();
    }
}
