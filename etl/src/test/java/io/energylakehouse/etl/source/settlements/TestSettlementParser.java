package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The settlement parser on the hand-written fixture (src/test/resources/settlements) and on tiny inline files. */
class TestSettlementParser
{
    private static final SettlementParser PARSER = new SettlementParser();
    private static final String FIXTURE = "settlements_20240603_20240605.csv";
    private static final String HEADER = "trade_date,market,contract_code,profile,delivery_start,delivery_end,settlement_price,currency,unit,exchange";
    private static final LocalDate JULY = LocalDate.of(2024, 7, 1);
    private static final LocalDate AUGUST = LocalDate.of(2024, 8, 1);
    private static final LocalDate JUNE_3 = LocalDate.of(2024, 6, 3);

    @Test
    void parsesTheFixture()
    {
        ParsedPayload parsed = PARSER.parse(payload(FIXTURE, resource(FIXTURE)));

        assertThat(parsed).isEqualTo(new ParsedPayload(
                FetchOutcome.PARSED,
                "futures_settlements",
                SettlementTables.RAW_FUTURES_SETTLEMENTS,
                parsed.records(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("FUTURES_SETTLEMENTS|EEX-DE+EU-ETS+HENRY-HUB+PJM|2024-06-03..2024-06-05"),
                Optional.empty(),
                Set.of(JUNE_3, LocalDate.of(2024, 6, 4), LocalDate.of(2024, 6, 5))));
        List<SettlementRecord> records = records(parsed);
        assertThat(records).hasSize(36);
        assertThat(records).extracting(SettlementRecord::lineNumber).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(2, 37).boxed().toList());
        assertThat(records.get(0)).isEqualTo(new SettlementRecord(2, JUNE_3, "PJM", "PMI-JUL24", DeliveryProfile.PEAK, JULY, AUGUST, 79.40, "USD", "MWh", "ICE"));
        assertThat(records.get(8)).isEqualTo(new SettlementRecord(10, JUNE_3, "EEX-DE", "F1BY-CAL25", DeliveryProfile.BASE,
                LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), 92.40, "EUR", "MWh", "EEX"));
        assertThat(records.get(35)).isEqualTo(new SettlementRecord(37, LocalDate.of(2024, 6, 5), "EU-ETS", "FEUA-DEC24", DeliveryProfile.BASE,
                LocalDate.of(2024, 12, 16), LocalDate.of(2024, 12, 17), 72.87, "EUR", "tCO2", "EEX"));
        assertThat(records).extracting(SettlementRecord::profile).containsOnly(DeliveryProfile.BASE, DeliveryProfile.PEAK, DeliveryProfile.OFFPEAK);
    }

    @Test
    void windowsLineEndsAndByteOrderMarkReadTheSame()
    {
        String unix = new String(resource(FIXTURE), StandardCharsets.UTF_8);
        byte[] windows = ("\uFEFF" + unix.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);

        assertThat(records(PARSER.parse(payload("windows.csv", windows)))).isEqualTo(records(PARSER.parse(payload(FIXTURE, resource(FIXTURE)))));
    }

    @Test
    void matchesColumnsByNameInAnyOrderAndCaseIgnoringOthers()
    {
        ParsedPayload parsed = parse("""
                Currency,UNIT,Settlement_Price,note,TRADE_DATE,Market,contract_code,delivery_end,delivery_start,Profile
                usd,MWh,-5.25,"weekend, solar",2024-06-07,ercot,ERCOT-N-WKND-0608,2024-06-10,2024-06-08,OffPeak
                """);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        // Negative prices exist in power markets; market and currency are read upper case; no exchange column means null.
        assertThat(records(parsed)).containsExactly(new SettlementRecord(2, LocalDate.of(2024, 6, 7), "ERCOT", "ERCOT-N-WKND-0608", DeliveryProfile.OFFPEAK,
                LocalDate.of(2024, 6, 8), LocalDate.of(2024, 6, 10), -5.25, "USD", "MWh", null));
    }

    @Test
    void rejectsEachBadLineWithItsReasonAndLineNumber()
    {
        ParsedPayload parsed = parse(HEADER + "\n"
                + "2024-06-03,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,79.40,USD,MWh,ICE\n"
                + "2024/06/03,PJM,OPJ-JUL24,offpeak,2024-07-01,2024-08-01,37.85,USD,MWh,ICE\n"
                + "2024-06-03,PJM,PMI-AUG24,peak,2024-08-01,2024-09-01,\"74,15\",USD,MWh,ICE\n"
                + "2024-06-03,PJM,OPJ-AUG24,offpeak,2024-08-01,2024-09-01,NaN,USD,MWh,ICE\n"
                + "2024-06-03,EEX-DE,F1BM-JUL24,base,2024-07-01,2024-08-01,-Infinity,EUR,MWh,EEX\n"
                + "2024-06-03,EEX-DE,F1PM-JUL24,peak,2024-07-01,2024-07-01,69.85,EUR,MWh,EEX\n"
                + "2024-06-03,EEX-DE,F1BM-AUG24,base,2024-09-01,2024-08-01,77.35,EUR,MWh,EEX\n"
                + "2024-06-03,EEX-DE,F1BQ-Q424,off-peak,2024-10-01,2025-01-01,95.60,EUR,MWh,EEX\n"
                + "2024-06-03,EEX-DE,,base,2025-01-01,2026-01-01,92.40,EUR,MWh,EEX\n"
                + "2024-06-03,HENRY-HUB,NGN24,base,2024-07-01,2024-08-01,2.766,US$,MMBtu,CME\n"
                + "2024-06-03,EU-ETS,FEUA-DEC24,base,2024-12-16,2024-12-17,72.49,EUR,tCO2\n"
                + "\n"
                + "2024-06-03,PJM West,PMI-SEP24,peak,2024-09-01,2024-10-01,61.20,USD,MWh,ICE\n"
                + "2024-06-03,EEX-DE,F1BD-0609,base,2024-06-09,2024-06-10,-12.50,EUR,MWh,EEX\n"
                + "2024-06-03,EEX-DE,F1BM-SEP24,base,2024-09-01,2024-10-01,1e999,EUR,MWh,EEX\n"
                + "2024-06-03,EEX-DE,F1BM-OCT24,base,2024-10-01,2024-11-01,80.10,XXX,MWh,EEX\n"
                + "2024-06-03,EEX-DE,F1BM-NOV24,base,2024-11-01,2024-12-01,82.30,xts,MWh,EEX\n"
                + "2024-06-03,COMEX,GCZ24,base,2024-12-01,2025-01-01,2350.5,XAU,oz,CME\n");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.detail()).contains("15 lines rejected");
        assertThat(records(parsed)).extracting(SettlementRecord::lineNumber, SettlementRecord::contractCode, SettlementRecord::settlementPrice)
                .containsExactly(tuple(2, "PMI-JUL24", 79.40), tuple(15, "F1BD-0609", -12.50));
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow(), RejectedRecord::reason).containsExactly(
                tuple(3, "trade_date '2024/06/03' is not a date in the form yyyy-MM-dd"),
                tuple(4, "settlement_price '74,15' is not a number (digits with a dot as decimal separator)"),
                tuple(5, "settlement_price 'NaN' is not a finite number"),
                tuple(6, "settlement_price '-Infinity' is not a finite number"),
                tuple(7, "delivery_end 2024-07-01 is not after delivery_start 2024-07-01 (delivery_end is exclusive)"),
                tuple(8, "delivery_end 2024-08-01 is not after delivery_start 2024-09-01 (delivery_end is exclusive)"),
                tuple(9, "profile 'off-peak' is not one of base, peak, offpeak"),
                tuple(10, "contract_code is empty"),
                tuple(11, "currency 'US$' is not an ISO 4217 code"),
                tuple(12, "expected 10 fields as in the header, found 9"),
                tuple(14, "market 'PJM West' is not a market code (letters, digits, '-' and '_', e.g. PJM or EEX-DE)"),
                tuple(16, "settlement_price '1e999' is not a finite number"),
                tuple(17, "currency 'XXX' is not a currency: ISO 4217 code XXX stands for Unknown Currency (codes for no currency, testing, "
                        + "precious metals and units of account are refused)"),
                tuple(18, "currency 'xts' is not a currency: ISO 4217 code XTS stands for Testing Currency Code (codes for no currency, testing, "
                        + "precious metals and units of account are refused)"),
                tuple(19, "currency 'XAU' is not a currency: ISO 4217 code XAU stands for Gold (codes for no currency, testing, "
                        + "precious metals and units of account are refused)"));
        // Each rejection keeps the line as received and, where readable, the trade date and market (which decides who may see it).
        assertThat(parsed.rejected().get(2)).isEqualTo(new RejectedRecord(Optional.of(5),
                Optional.of("2024-06-03,PJM,OPJ-AUG24,offpeak,2024-08-01,2024-09-01,NaN,USD,MWh,ICE"), "settlement_price 'NaN' is not a finite number",
                Optional.empty(), Optional.empty(), Optional.of(JUNE_3), Optional.of("PJM")));
        assertThat(parsed.rejected().get(0).operatingDate()).isEmpty();
        assertThat(parsed.rejected().get(10).market()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(JUNE_3);
    }

    @Test
    void linesRepeatingAKeyWithDifferentValuesAreAllRejectedAndIdenticalOnesKept()
    {
        ParsedPayload parsed = parse(HEADER + "\n"
                + "2024-06-03,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,79.40,USD,MWh,ICE\n"
                + "2024-06-03,EEX-DE,F1BM-JUL24,base,2024-07-01,2024-08-01,74.20,EUR,MWh,EEX\n"
                + "2024-06-03,PJM,PMI-JUL24,PEAK,2024-07-01,2024-08-01,79.45,USD,MWh,ICE\n"
                + "2024-06-03,EEX-DE,F1BM-JUL24,base,2024-07-01,2024-08-01,74.20,EUR,MWh,EEX\n"
                + "2024-06-04,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,78.25,USD,MWh,ICE\n");

        String reason = "key (PJM, PMI-JUL24, peak, 2024-06-03) is on lines [2, 4] with different values (settlement_price 79.4/79.45): "
                + "disagreeing duplicates are all rejected";
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow(), RejectedRecord::reason, RejectedRecord::market)
                .containsExactly(tuple(2, reason, Optional.of("PJM")), tuple(4, reason, Optional.of("PJM")));
        assertThat(records(parsed)).extracting(SettlementRecord::lineNumber).containsExactly(3, 5, 6);
    }

    @Test
    void keyRepeatedOnManyLinesIsComparedOnceAndItsReasonNamesTheFirstLines()
    {
        // Found by the fuzz suite (TestParserFuzz): each line was compared with every line of its key, and each reason listed
        // every line number, so that a key repeated on n lines cost n * n in time and memory.
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 12; i++) {
            text.append(String.format("2024-06-03,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,70.%02d,USD,MWh,ICE\n", i));
        }
        ParsedPayload parsed = parse(text.toString());

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).hasSize(12).extracting(RejectedRecord::reason).containsOnly("key (PJM, PMI-JUL24, peak, 2024-06-03) is on lines "
                + "[2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more] with different values (settlement_price 70.0/70.01): disagreeing duplicates are all rejected");
    }

    @Test
    void fileWithoutTheRequiredColumnsIsRejectedWholeNamingThem()
    {
        ParsedPayload missingTwo = parse("""
                trade_date,market,contract_code,delivery_start,delivery_end,settlement_price,currency
                2024-06-03,PJM,PMI-JUL24,2024-07-01,2024-08-01,79.40,USD
                """);
        ParsedPayload noHeader = parse("2024-06-03,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,79.40,USD,MWh,ICE\n");

        assertThat(missingTwo).isEqualTo(ParsedPayload.rejected("futures_settlements", SettlementTables.RAW_FUTURES_SETTLEMENTS,
                "Cannot parse futures settlements file settlements.csv: columns profile, unit missing in header "
                        + "[trade_date, market, contract_code, delivery_start, delivery_end, settlement_price, currency]"));
        assertThat(noHeader.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(noHeader.detail()).contains("Cannot parse futures settlements file settlements.csv: columns trade_date, market, contract_code, profile, "
                + "delivery_start, delivery_end, settlement_price, currency, unit missing in header "
                + "[2024-06-03, PJM, PMI-JUL24, peak, 2024-07-01, 2024-08-01, 79.40, USD, MWh, ICE]");
        assertThat(noHeader.records()).isEmpty();
        assertThat(noHeader.rejected()).containsExactly(RejectedRecord.wholePayload(noHeader.detail().orElseThrow()));
    }

    @Test
    void fileThatIsNotAUsableTableIsRejectedWhole()
    {
        assertThat(parse("").detail()).contains("Cannot parse futures settlements file settlements.csv: no header row on line 1 (expected columns "
                + "[trade_date, market, contract_code, profile, delivery_start, delivery_end, settlement_price, currency, unit])");
        assertThat(parse(HEADER + ",Market\n").detail())
                .contains("Cannot parse futures settlements file settlements.csv: column market named more than once in header "
                        + "[trade_date, market, contract_code, profile, delivery_start, delivery_end, settlement_price, currency, unit, exchange, Market]");
        ParsedPayload latin1 = PARSER.parse(payload("latin1.csv", (HEADER + "\n2024-06-03,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,79.40,USD,MWh,Bourse é\n")
                .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(latin1.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(latin1.detail().orElseThrow()).startsWith("Cannot parse futures settlements file latin1.csv: not UTF-8 text");
    }

    @Test
    void headerWithoutRowsIsNoData()
    {
        ParsedPayload parsed = parse(HEADER + "\n\n");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.detail()).contains("the file has a header but no rows");
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).isEmpty();
    }

    private static ParsedPayload parse(String text)
    {
        return PARSER.parse(payload("settlements.csv", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Payload payload(String fileName, byte[] bytes)
    {
        return new Payload(SettlementSource.SOURCE, SettlementSource.REPORT, Payload.Origin.REPLAY, "", Optional.empty(), fileName,
                Instant.parse("2024-06-05T21:30:00Z"), 200, bytes);
    }

    @SuppressWarnings("unchecked")
    private static List<SettlementRecord> records(ParsedPayload parsed)
    {
        return (List<SettlementRecord>) parsed.records();
    }

    static byte[] resource(String name)
    {
        try (InputStream input = TestSettlementParser.class.getResourceAsStream("/settlements/" + name)) {
            if (input == null) {
                throw new IllegalStateException("missing test resource settlements/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
