package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The ECB reference-rate files: the real history file, the layouts of the daily files, N/A, trailing commas, order, refusals. Pure Java. */
class TestEcbRateParser
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_HISTORY = SHARED.resolve("data/connectors-gaps/ecb/eurofxref-hist.csv");

    /** Hand-written in the history file's layout: newest first, a trailing comma on every line, N/A for HRK after 2022. */
    static final String HISTORY = """
            Date,USD,JPY,NOK,HRK,
            2025-01-03,1.0299,162.88,11.7940,N/A,
            2025-01-02,1.0321,163.11,11.7880,N/A,
            2024-12-31,1.0389,163.06,11.7950,N/A,
            """;

    @Test
    void realHistoryFile()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_HISTORY), "the shared ECB file " + REAL_HISTORY + " is absent");
        ParsedPayload parsed = new EcbRateParser().parse(Payload.ofFile(EcbRates.SOURCE, EcbRates.REPORT, Payload.Origin.REPLAY, "replay", REAL_HISTORY));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(6747 * 41);
        assertThat(parsed.operatingDates()).hasSize(6747);
        assertThat(new TreeSet<>(parsed.operatingDates()).first()).isEqualTo(LocalDate.of(1999, 1, 4));
        assertThat(new TreeSet<>(parsed.operatingDates()).last()).isEqualTo(LocalDate.of(2025, 5, 9));
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2025-05-09T14:00:00Z"));
        assertThat(parsed.contentKey()).contains("eurofxref|history|1999-01-04");
        List<EcbRateRecord> records = records(parsed);
        assertThat(records.stream().map(EcbRateRecord::currency).distinct().count()).isEqualTo(41);
        assertThat(records.stream().filter(record -> !record.isQuoted()).count()).isEqualTo(66_082);

        CanonicalRecords canonical = EcbFxRates.canonicalRecords(records, "fetch-real");
        assertThat(canonical.rejected()).isEmpty();
        assertThat(canonical.rows()).hasSize(210_545);
        Map<String, Row> lastDay = new TreeMap<>();
        canonical.rows().stream().filter(row -> row.get(0).equals(LocalDate.of(2025, 5, 9))).forEach(row -> lastDay.put(row.getString(1), row));
        assertThat(lastDay).hasSize(30);
        // N/A on the last day: discontinued currencies, HRK (euro since 2023) and RUB (suspended since March 2022) have no row, not 0
        assertThat(records.stream().filter(record -> record.rateDate().equals(LocalDate.of(2025, 5, 9)) && !record.isQuoted()).map(EcbRateRecord::currency))
                .containsExactly("CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "HRK", "RUB", "TRL");
        assertThat(lastDay.get("USD")).isEqualTo(Row.fromSeq(row(LocalDate.of(2025, 5, 9), "USD", "1.12520000", "2025-05-09T14:00:00Z", "fetch-real")));
        assertThat((BigDecimal) lastDay.get("IDR").get(2)).isEqualByComparingTo("18606.59");
        assertThat(canonical.rows().stream().filter(row -> row.get(0).equals(LocalDate.of(1999, 1, 4)) && row.get(1).equals("CYP")).findFirst().orElseThrow().get(2))
                .isEqualTo(new BigDecimal("0.58231000"));
        assertThat(canonical.rows().stream().filter(row -> row.get(1).equals("RUB")).map(row -> (LocalDate) row.get(0)).max(LocalDate::compareTo))
                .contains(LocalDate.of(2022, 3, 1));
    }

    @Test
    void historyLayoutTrailingCommaAndNotQuoted()
    {
        ParsedPayload parsed = parse(HISTORY, "eurofxref-hist.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).hasSize(12).first().isEqualTo(new EcbRateRecord("eurofxref-hist.csv", 2, LocalDate.of(2025, 1, 3), "USD", "1.0299"));
        assertThat(records(parsed)).filteredOn(record -> record.currency().equals("HRK")).extracting(EcbRateRecord::rateText).containsOnly("N/A");
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 3));
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2025-01-03T15:00:00Z"));

        CanonicalRecords canonical = EcbFxRates.canonicalRecords(records(parsed), "fetch-1");
        assertThat(canonical.table()).isEqualTo(CanonicalTables.FX_RATES);
        assertThat(canonical.rejected()).isEmpty();
        assertThat(canonical.rows()).as("N/A makes no row, never 0").hasSize(9).extracting(row -> row.getString(1)).doesNotContain("HRK");
        assertThat(canonical.rows().get(0)).isEqualTo(Row.fromSeq(row(LocalDate.of(2024, 12, 31), "JPY", "163.06000000", "2024-12-31T15:00:00Z", "fetch-1")));
        assertThat(canonical.rows().get(0).size()).isEqualTo(CanonicalTables.FX_RATES.columnNames().size());
    }

    @Test
    void newestFirstAndOldestFirstGiveTheSameRows()
    {
        List<String> lines = new ArrayList<>(HISTORY.lines().toList());
        List<String> reversed = new ArrayList<>(List.of(lines.get(0)));
        for (int i = lines.size() - 1; i >= 1; i--) {
            reversed.add(lines.get(i));
        }
        CanonicalRecords newestFirst = EcbFxRates.canonicalRecords(records(parse(HISTORY, "a.csv")), "fetch");
        CanonicalRecords oldestFirst = EcbFxRates.canonicalRecords(records(parse(String.join("\n", reversed), "a.csv")), "fetch");
        assertThat(oldestFirst.rows()).isEqualTo(newestFirst.rows());
    }

    @Test
    void dailyCsvInItsZipAndTheHistoryZip()
            throws IOException
    {
        // eurofxref.zip's eurofxref.csv: ", " between fields, the date written out, a trailing ", "
        String daily = "Date, USD, JPY, NOK, \n09 May 2025, 1.1252, 163.36, 11.6725, \n";
        ParsedPayload parsed = parseBytes(zip("eurofxref.csv", daily), "eurofxref.zip");
        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).containsExactly(
                new EcbRateRecord("eurofxref.csv", 2, LocalDate.of(2025, 5, 9), "USD", "1.1252"),
                new EcbRateRecord("eurofxref.csv", 2, LocalDate.of(2025, 5, 9), "JPY", "163.36"),
                new EcbRateRecord("eurofxref.csv", 2, LocalDate.of(2025, 5, 9), "NOK", "11.6725"));
        assertThat(parsed.contentKey()).contains("eurofxref|day|2025-05-09");

        ParsedPayload history = parseBytes(zip("eurofxref-hist.csv", HISTORY), "eurofxref-hist.zip");
        assertThat(records(history)).hasSize(12);
        assertThat(EcbFxRates.canonicalRecords(records(history), "f").rows()).isEqualTo(EcbFxRates.canonicalRecords(records(parse(HISTORY, "x.csv")), "f").rows());
    }

    @Test
    void dailyXml()
    {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                \t<gesmes:subject>Reference rates</gesmes:subject>
                \t<gesmes:Sender>
                \t\t<gesmes:name>European Central Bank</gesmes:name>
                \t</gesmes:Sender>
                \t<Cube>
                \t\t<Cube time='2024-06-28'>
                \t\t\t<Cube currency='USD' rate='1.0705'/>
                \t\t\t<Cube currency='JPY' rate='171.94'/>
                \t\t\t<Cube currency='HUF' rate='395.10'/>
                \t\t\t<Cube currency='usd' rate='1.0705'/>
                \t\t</Cube>
                \t</Cube>
                </gesmes:Envelope>
                """;
        ParsedPayload parsed = parse(xml, "eurofxref-daily.xml");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).containsExactly(
                new EcbRateRecord("eurofxref-daily.xml", 9, LocalDate.of(2024, 6, 28), "USD", "1.0705"),
                new EcbRateRecord("eurofxref-daily.xml", 10, LocalDate.of(2024, 6, 28), "JPY", "171.94"),
                new EcbRateRecord("eurofxref-daily.xml", 11, LocalDate.of(2024, 6, 28), "HUF", "395.10"));
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason)
                .containsExactly("eurofxref-daily.xml line 12: Cube currency 'usd' is not an ISO 4217 currency code");
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-06-28T14:00:00Z"));
        assertThat(EcbFxRates.canonicalRecords(records(parsed), "f").rows()).extracting(row -> row.get(2))
                .containsExactly(new BigDecimal("395.10000000"), new BigDecimal("171.94000000"), new BigDecimal("1.07050000"));
    }

    @Test
    void linesAndCellsThatCannotBeReadAreRejectedAlone()
    {
        String file = """
                Date,USD,JPY,
                2025-01-03,1.0299,,
                2025-01-02,1.0321,abc,
                2025-13-01,1.0389,163.06,
                2024-12-31,1.0389,
                2024-12-30,1.0444,163.20,
                """;
        ParsedPayload parsed = parse(file, "eurofxref-hist.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(EcbRateRecord::lineNumber, EcbRateRecord::currency)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "USD"), org.assertj.core.groups.Tuple.tuple(3, "USD"),
                        org.assertj.core.groups.Tuple.tuple(6, "USD"), org.assertj.core.groups.Tuple.tuple(6, "JPY"));
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "eurofxref-hist.csv line 2: JPY on 2025-01-03 is empty (the ECB writes N/A for a currency it did not quote)",
                "eurofxref-hist.csv line 3: JPY on 2025-01-02 is 'abc', not a decimal or N/A",
                "eurofxref-hist.csv line 4: Date '2025-13-01' is neither yyyy-MM-dd nor 'd MMMM yyyy'",
                "eurofxref-hist.csv line 5: has 2 fields, the header 3 (a truncated or malformed line)");
        assertThat(parsed.rejected().get(0).record()).contains("2025-01-03,1.0299,,");
    }

    @Test
    void filesThatAreNotReferenceRatesAreRejectedWhole()
    {
        assertThat(parse("INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,NODE,MW,\n2024-03-10T08:00:00-00:00,x,y,1\n", "caiso.csv").detail())
                .contains("Cannot parse ECB eurofxref file caiso.csv: the header starts with 'INTERVALSTARTTIME_GMT', not Date: not an ECB reference-rate file "
                        + "(header [INTERVALSTARTTIME_GMT, INTERVALENDTIME_GMT, NODE, MW])");
        assertThat(parse("<html><body>Maintenance</body></html>", "eurofxref-daily.xml").detail())
                .contains("Cannot parse ECB eurofxref file eurofxref-daily.xml: an HTML or XML page, not the ECB's reference rates (starts: <html><body>Maintenance</body></html>)");
        assertThat(parse("Date,USD,Euro,\n2025-01-03,1,2,\n", "x.csv").detail())
                .contains("Cannot parse ECB eurofxref file x.csv: header column 'Euro' is not an ISO 4217 currency code");
        assertThat(parse("", "empty.csv").detail()).contains("Cannot parse ECB eurofxref file empty.csv: the file is empty");
        assertThat(parse("Date,USD,\n", "empty.csv").outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parse("<?xml version='1.0'?><gesmes:Envelope xmlns:gesmes='g'><Cube><Cube time='2024-06-28'><Cube currency='USD' rate='1.07'",
                "cut.xml").detail().orElseThrow()).startsWith("Cannot parse ECB eurofxref file cut.xml: not well-formed XML");
        assertThat(parse("Date,USD,\n2025-01-03,1.1,\n", "a.csv").outcome()).isEqualTo(FetchOutcome.PARSED);
    }

    @Test
    void curationRefusesWhatIsNotARateAndDisagreeingDuplicates()
    {
        String file = """
                Date,USD,JPY,NOK,SEK,
                2025-01-03,0,1.123456789,11.79,11.5,
                2025-01-03,1.03,162.88,11.7900,11.6,
                """;
        CanonicalRecords canonical = EcbFxRates.canonicalRecords(records(parse(file.replace("USD,JPY,NOK,SEK", "USD,JPY,NOK,SEK")
                .replaceFirst("2025-01-03,1.03", "2025-01-02,1.03"), "a.csv")), "f");
        assertThat(canonical.rejected()).extracting(rejected -> rejected.reason()).containsExactly(
                "a.csv line 2: JPY on 2025-01-03 is 1.123456789: more digits than curated.fx_rates.units_per_eur (decimal(20,8)) holds exactly",
                "a.csv line 2: USD on 2025-01-03 is 0: not a rate (units per EUR must be positive)");

        CanonicalRecords duplicates = EcbFxRates.canonicalRecords(records(parse(file.replaceFirst("0,1.123456789", "1.04,162.88"), "a.csv")), "f");
        assertThat(duplicates.rows()).extracting(row -> row.getString(1), row -> row.get(2), row -> row.get(7)).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("JPY", new BigDecimal("162.88000000"), List.of("duplicate_rows_collapsed")),
                org.assertj.core.groups.Tuple.tuple("NOK", new BigDecimal("11.79000000"), List.of("duplicate_rows_collapsed")));
        assertThat(duplicates.rejected()).extracting(rejected -> rejected.locationId(), rejected -> rejected.reason()).contains(
                org.assertj.core.groups.Tuple.tuple("USD", "a.csv line 2: the payload holds USD on 2025-01-03 2 times with different rates (a.csv line 2: 1.04, a.csv line 3: 1.03)"));
        assertThat(duplicates.rejected()).hasSize(4);
        assertThat(duplicates.rejected().get(0).intervalStartUtc()).isEqualTo(Instant.parse("2025-01-02T23:00:00Z"));
    }

    @Test
    void connectorRoundTripsRawRows()
    {
        EcbConnector connector = new EcbConnector();
        EcbRateRecord record = new EcbRateRecord("eurofxref-hist.csv", 7, LocalDate.of(2025, 1, 3), "HRK", "N/A");
        Row row = record.toRow("fetch", "landing");
        assertThat(row.size()).isEqualTo(EcbTables.RAW_EUROFXREF.columnNames().size());
        List<String> columns = EcbTables.RAW_EUROFXREF.columnNames();
        assertThat(connector.record(EcbConnector.EUROFXREF, column -> row.get(columns.indexOf(column)))).isEqualTo(record);
        assertThat(new EcbRateRecord("m", 1, LocalDate.of(2025, 1, 3), "USD", "1.0299").toRow("f", "l").get(7)).isEqualTo(new BigDecimal("1.02990000"));
        assertThat(connector.hubDatasets()).isEmpty();
        assertThat(connector.reportOfFile("eurofxref-hist.zip")).contains(EcbConnector.EUROFXREF);
        assertThat(connector.reportOfFile("eurofxref-daily.xml")).contains(EcbConnector.EUROFXREF);
        assertThat(EcbLiveSource.plan(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 9))).extracting(EcbLiveSource.Request::fileName).containsExactly("eurofxref-hist.zip");
        assertThat(EcbLiveSource.plan(LocalDate.of(2025, 5, 8), LocalDate.of(2025, 5, 9))).extracting(EcbLiveSource.Request::fileName).containsExactly("eurofxref-daily.xml");
    }

    @Test
    void syntheticHistoryIsInTheExactFormat(@org.junit.jupiter.api.io.TempDir Path folder)
            throws IOException
    {
        List<Path> files = new EcbConnector().samples().orElseThrow().write(folder, List.of(LocalDate.of(2025, 1, 3), LocalDate.of(2025, 1, 4), LocalDate.of(2025, 1, 6)), 3, 42);
        assertThat(files).containsExactly(folder.resolve("eurofxref-hist.csv"));
        List<String> lines = Files.readAllLines(files.get(0));
        assertThat(lines.get(0)).isEqualTo("Date,USD,JPY,GBP,HRK,");
        assertThat(lines).hasSize(3).allMatch(line -> line.endsWith(","));
        assertThat(lines.get(1)).startsWith("2025-01-06,").endsWith(",N/A,");
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        ParsedPayload parsed = new EcbRateParser().parse(Payload.ofFile(EcbRates.SOURCE, EcbRates.REPORT, Payload.Origin.SYNTHETIC, "s", files.get(0)));
        assertThat(parsed.rejected()).isEmpty();
        assertThat(EcbFxRates.canonicalRecords(records(parsed), "f").rows()).hasSize(6);
        byte[] again = Files.readAllBytes(new EcbConnector().samples().orElseThrow().write(folder.resolve("again"),
                List.of(LocalDate.of(2025, 1, 3), LocalDate.of(2025, 1, 4), LocalDate.of(2025, 1, 6)), 3, 42).get(0));
        assertThat(again).isEqualTo(Files.readAllBytes(files.get(0)));
    }

    static scala.collection.immutable.Seq<Object> row(LocalDate date, String currency, String rate, String publishedAt, String fetchId)
    {
        List<Object> values = java.util.Arrays.asList(date, currency, new BigDecimal(rate), "ECB", Instant.parse(publishedAt), null, fetchId, List.of());
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
    }

    @SuppressWarnings("unchecked")
    static List<EcbRateRecord> records(ParsedPayload parsed)
    {
        return (List<EcbRateRecord>) parsed.records();
    }

    static ParsedPayload parse(String text, String fileName)
    {
        return parseBytes(text.getBytes(StandardCharsets.UTF_8), fileName);
    }

    static ParsedPayload parseBytes(byte[] bytes, String fileName)
    {
        return EcbRateParser.parse(PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    static byte[] zip(String member, String text)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(member);
            entry.setTime(0);
            zip.putNextEntry(entry);
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
