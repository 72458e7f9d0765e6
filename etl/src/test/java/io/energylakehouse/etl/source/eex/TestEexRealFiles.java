package io.energylakehouse.etl.source.eex;

import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.eex.EexTestFiles.REAL_FILES;
import static io.energylakehouse.etl.source.eex.EexTestFiles.payload;
import static io.energylakehouse.etl.source.eex.EexTestFiles.realFile;
import static io.energylakehouse.etl.source.eex.EexTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parser and curation step on EEX's eleven real yearly reports 2012..2022 (../shared/data/connectors-gaps/eex_eua_auctions,
 * read in place; skipped when the shared folder is absent). Prints the per-year table the integrator quotes.
 */
class TestEexRealFiles
{
    private static final Map<Integer, ParsedPayload> PARSED = new TreeMap<>();

    /** Each real file parsed once for the class. */
    private static synchronized ParsedPayload parsed(int year)
            throws IOException
    {
        ParsedPayload parsed = PARSED.get(year);
        if (parsed == null) {
            parsed = new EexAuctionParser().parse(payload(realFile(year)));
            PARSED.put(year, parsed);
        }
        return parsed;
    }

    /** Year, auctions, first and last auction (date and price; null price when cancelled), cancelled auctions, products. */
    record YearSummary(int year, int auctions, LocalDate firstDate, Double firstPrice, LocalDate lastDate, Double lastPrice, int cancelled,
            String platforms, String products) {}

    @Test
    void readsEveryYearAndCuratesEveryAuction()
            throws IOException
    {
        assumeTrue(Files.isDirectory(REAL_FILES), "the shared real files " + REAL_FILES + " are absent");
        List<YearSummary> summaries = new ArrayList<>();
        for (int year = 2012; year <= 2022; year++) {
            ParsedPayload parsed = parsed(year);
            assertThat(parsed.outcome()).as("outcome of %d: %s", year, parsed.detail()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).as("rejected rows of %d", year).isEmpty();
            assertThat(parsed.contentKey()).contains(EexAuctions.REQUEST_NAME + "|" + year);
            List<EexAuctionRecord> records = records(parsed);
            CanonicalRecords curated = EexAuctionPrices.canonicalRecords(records, Instant.parse("2023-01-01T00:00:00Z"), "real-" + year);
            assertThat(curated.rejected()).as("curation refusals of %d", year).isEmpty();
            assertThat(curated.rows()).hasSameSizeAs(records);
            // oldest first by date and time (EEX's rows are newest first)
            List<EexAuctionRecord> ordered = records.stream()
                    .sorted(Comparator.comparing(EexAuctionRecord::auctionDate).thenComparing(record -> String.valueOf(record.auctionTime()))).toList();
            EexAuctionRecord first = ordered.get(0);
            EexAuctionRecord last = ordered.get(ordered.size() - 1);
            int cancelled = (int) records.stream().filter(EexAuctionRecord::cancelled).count();
            assertThat(records).filteredOn(EexAuctionRecord::cancelled).allSatisfy(record -> assertThat(record.auctionPrice()).isNull());
            assertThat(curated.rows()).filteredOn(row -> row.getString(8).equals("cancelled")).hasSize(cancelled)
                    .allSatisfy(row -> assertThat(row.isNullAt(5)).isTrue());
            String platforms = curated.rows().stream().map(row -> row.getString(9)).collect(Collectors.toCollection(TreeSet::new)).toString();
            Map<String, Long> products = new TreeMap<>(curated.rows().stream().collect(Collectors.groupingBy(row -> row.getString(1), Collectors.counting())));
            summaries.add(new YearSummary(year, records.size(), first.auctionDate(), first.auctionPrice(), last.auctionDate(), last.auctionPrice(), cancelled,
                    platforms, products.toString()));
        }
        print(summaries);

        // the counts and first/last days PROVENANCE.md gives for the files
        assertThat(summaries).extracting(YearSummary::auctions).containsExactly(75, 211, 198, 207, 195, 206, 209, 216, 218, 230, 222);
        assertThat(summaries).extracting(YearSummary::firstDate).containsExactly(LocalDate.of(2012, 1, 3), LocalDate.of(2013, 1, 7),
                LocalDate.of(2014, 1, 7), LocalDate.of(2015, 1, 8), LocalDate.of(2016, 1, 11), LocalDate.of(2017, 1, 9), LocalDate.of(2018, 1, 8),
                LocalDate.of(2019, 1, 7), LocalDate.of(2020, 1, 7), LocalDate.of(2021, 1, 29), LocalDate.of(2022, 1, 10));
        assertThat(summaries).extracting(YearSummary::lastDate).containsExactly(LocalDate.of(2012, 12, 18), LocalDate.of(2013, 12, 17),
                LocalDate.of(2014, 12, 16), LocalDate.of(2015, 12, 17), LocalDate.of(2016, 12, 16), LocalDate.of(2017, 12, 15), LocalDate.of(2018, 12, 17),
                LocalDate.of(2019, 12, 16), LocalDate.of(2020, 12, 14), LocalDate.of(2021, 12, 20), LocalDate.of(2022, 12, 19));
        // cancelled auctions: 2020-03-17 (CAP2 EU), 2022-02-01 (CAP3 EU) and 2022-03-02 (CAP3 PL), kept with no price
        assertThat(summaries).extracting(YearSummary::cancelled).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2);
        // the last auctions of 2020, 2021 and 2022 as the files give them (checked against the rows read with openpyxl)
        assertThat(summaries.get(8).lastPrice()).isEqualTo(30.92);
        assertThat(summaries.get(9).lastPrice()).isEqualTo(74.57);
        assertThat(summaries.get(10).lastPrice()).isEqualTo(84.1);
    }

    @Test
    void keepsTheCancelledAuctionOf2022AndSeveralAuctionsOfOneDayIn2019()
            throws IOException
    {
        assumeTrue(Files.isDirectory(REAL_FILES), "the shared real files " + REAL_FILES + " are absent");
        List<EexAuctionRecord> records = records(parsed(2022));
        EexAuctionRecord cancelled = records.stream().filter(record -> record.auctionDate().equals(LocalDate.of(2022, 2, 1))).findFirst().orElseThrow();
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.auctionPrice()).isNull();
        assertThat(cancelled.auctionName()).isEqualTo("Auction 4. Period CAP3 EU");
        assertThat(cancelled.auctionVolume()).isEqualTo(2449000.0);
        assertThat(cancelled.totalBidVolume()).isEqualTo(1242500.0);
        assertThat(cancelled.coverRatio()).isEqualTo(0.51);
        assertThat(cancelled.auctionTime()).isEqualTo("11:40:55");

        Row row = EexAuctionPrices.canonicalRecords(List.of(cancelled), Instant.parse("2023-01-01T00:00:00Z"), "f").rows().get(0);
        assertThat(row.toSeq()).hasToString(String.valueOf(org.apache.spark.sql.RowFactory.create("EU-ETS", "EUA_AUCTION_EU", LocalDate.of(2022, 2, 1),
                LocalDate.of(2022, 2, 2), LocalDate.of(2022, 2, 3), null, "EUR", "tCO2", "cancelled", "CAP3", 2449000.0, 1242500.0, 9, 0, 0.51,
                Instant.parse("2023-01-01T00:00:00Z"), null, "f", List.of()).toSeq()));

        // 2022 holds no day with two auctions; 2019 has days with a PL auction and an EUAA auction
        Map<LocalDate, List<String>> byDay = records(parsed(2019)).stream().collect(Collectors.groupingBy(EexAuctionRecord::auctionDate, TreeMap::new,
                Collectors.mapping(EexAuctionRecord::auctionName, Collectors.toList())));
        assertThat(byDay.values().stream().filter(names -> names.size() > 1).count()).isGreaterThan(0);
        assertThat(byDay.values().stream().filter(names -> names.size() > 1).map(names -> new TreeSet<>(names).toString()).distinct().toList())
                .contains("[Auction 3. Period CAP2-PL, EUAA Auction CAP2-EU]");
    }

    private static void print(List<YearSummary> summaries)
    {
        StringBuilder table = new StringBuilder("\nEEX EU ETS primary auctions in the real yearly reports\n");
        table.append("| year | auctions | first auction | first price | last auction | last price | cancelled | platforms | auctions per product |\n");
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        for (YearSummary summary : summaries) {
            table.append(String.format("| %d | %d | %s | %s | %s | %s | %d | %s | %s |%n", summary.year(), summary.auctions(), summary.firstDate(),
                    summary.firstPrice(), summary.lastDate(), summary.lastPrice(), summary.cancelled(), summary.platforms(), summary.products()));
        }
        System.out.println(table);
    }
}
