package io.energylakehouse.etl.source.epf;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The series parser and its column maps: every published header variant, other headers, bad lines and files. */
class TestSeriesParser
{
    private static final SeriesDataset NP = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "NP", Optional.empty(), Optional.empty());
    private static final SeriesDataset DE_LU = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "DE_LU", Optional.empty(), Optional.empty());

    @Test
    void everyPublishedEpftoolboxHeaderHasItsColumnMap()
    {
        assertThat(layout("NP", "Date, Price, Grid load forecast, Wind power forecast"))
                .isEqualTo("epftoolbox NP: 'Price' -> price_per_mwh@SYSTEM, 'Grid load forecast' -> load_forecast_mw@SYSTEM, "
                        + "'Wind power forecast' -> wind_forecast_mw@SYSTEM");
        assertThat(layout("PJM", "Date, Zonal COMED price, System load forecast, Zonal COMED load foecast"))
                .isEqualTo("epftoolbox PJM: 'Zonal COMED price' -> price_per_mwh@COMED, 'System load forecast' -> load_forecast_mw@RTO, "
                        + "'Zonal COMED load foecast' -> load_forecast_mw@COMED");
        // BE's exogenous series are French, as FR's
        assertThat(layout("BE", "Date, Prices, Generation forecast, System load forecast"))
                .isEqualTo("epftoolbox BE/FR: 'Prices' -> price_per_mwh@BE, 'Generation forecast' -> generation_forecast_mw@FR, "
                        + "'System load forecast' -> load_forecast_mw@FR");
        assertThat(layout("FR", "Date, Prices, Generation forecast, System load forecast"))
                .startsWith("epftoolbox BE/FR: 'Prices' -> price_per_mwh@FR, 'Generation forecast' -> generation_forecast_mw@FR");
        assertThat(layout("DE", ",Price,Ampirion Load Forecast,PV+Wind Forecast"))
                .isEqualTo("epftoolbox DE: 'Price' -> price_per_mwh@DE_AT_LU, 'Ampirion Load Forecast' -> load_forecast_mw@AMPRION, "
                        + "'PV+Wind Forecast' -> wind_solar_forecast_mw@DE");
    }

    @Test
    void anyOtherEpftoolboxHeaderIsReadByPositionAndWords()
    {
        SeriesDataset other = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "AT", Optional.of("Europe/Vienna"), Optional.of("eur"));
        ParsedPayload parsed = new SeriesParser(other).parse("""
                timestamp,price EUR,Load DA,load (2),Solar forecast,Humidity
                2019-01-01 00:00:00,50.5,6000,6100,0,81
                """, "AT.csv");
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.detail()).contains("epftoolbox (other header): 'price EUR' -> price_per_mwh@AT, 'Load DA' -> load_forecast_mw@AT, "
                + "'load (2)' -> exogenous_4@AT, 'Solar forecast' -> solar_forecast_mw@AT, 'Humidity' -> exogenous_6@AT");
        assertThat(parsed.records()).extracting(record -> ((SeriesValue) record).column().unit())
                .containsExactly("currency/MWh", "MW", "unknown", "MW", "unknown");
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2019, 1, 1));
    }

    @Test
    void deepforkitColumnsAreFoundByName()
    {
        assertThat(layout(DE_LU, ",Price_DA,Load_DA,Load_AC,Gen_SC,Sol_DA,Won_DA"))
                .isEqualTo("deepforkit: 'Price_DA' -> price_per_mwh@DE_LU, 'Load_DA' -> load_forecast_mw@DE_LU, 'Load_AC' -> load_actual_mw@DE_LU, "
                        + "'Gen_SC' -> generation_forecast_mw@DE_LU, 'Sol_DA' -> solar_forecast_mw@DE_LU, 'Won_DA' -> wind_onshore_forecast_mw@DE_LU");
        SeriesDataset nl = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "nl", Optional.empty(), Optional.empty());
        assertThat(layout(nl, ",Woff_DA,Price_DA,Load_DA,Extra")).isEqualTo(
                "deepforkit: 'Woff_DA' -> wind_offshore_forecast_mw@NL, 'Price_DA' -> price_per_mwh@NL, 'Load_DA' -> load_forecast_mw@NL, 'Extra' -> exogenous_5@NL");
        assertThat(rejection(DE_LU, ",Load_DA,Load_AC\n1/1/2020 0:00,1,2\n")).isEqualTo(
                "Cannot parse deepforkit file test.csv: column Price_DA missing in header [, Load_DA, Load_AC]");
        assertThat(rejection(DE_LU, ",Price_DA,price_da\n1/1/2020 0:00,1,2\n")).isEqualTo(
                "Cannot parse deepforkit file test.csv: column price_da named more than once in header [, Price_DA, price_da]");
    }

    @Test
    void deepforkitValuesAndEmptyRows()
    {
        ParsedPayload parsed = new SeriesParser(DE_LU).parse(resource("de_lu_2020.csv"), "de_lu_2020.csv");
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(96 * 6);
        assertThat(parsed.detail().orElseThrow()).endsWith("; 3 rows holding only commas skipped");
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2020, 1, 15), LocalDate.of(2020, 3, 29), LocalDate.of(2020, 7, 1), LocalDate.of(2020, 10, 25));
        SeriesValue first = (SeriesValue) parsed.records().get(0);
        assertThat(List.of(first.lineNumber(), first.localDate(), first.clockHour(), first.column().series(), first.value()))
                .isEqualTo(List.of(2, LocalDate.of(2020, 1, 15), 0, "price_per_mwh", OptionalDouble.of(25)));
        // raw keeps the 0 as written; curation treats it as missing
        assertThat(parsed.records().stream().map(SeriesValue.class::cast)
                .filter(value -> value.lineNumber() == 55 && value.column().series().equals("load_forecast_mw")).findFirst().orElseThrow().value())
                .isEqualTo(OptionalDouble.of(0));
    }

    @Test
    void badLinesAreRejectedWithTheirLineNumbers()
    {
        ParsedPayload parsed = new SeriesParser(NP).parse(resource("np_malformed.csv"), "np_malformed.csv");
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(4 * 3);
        assertThat(parsed.records()).extracting(record -> ((SeriesValue) record).lineNumber()).containsOnly(2, 4, 7, 8);
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow(), RejectedRecord::reason).containsExactly(
                tuple(3, "column 'Price' holds 'n/a', not a number (digits with a dot as decimal separator)"),
                tuple(5, "expected 4 fields as in the header, found 3"),
                tuple(6, "timestamp '2013-01-01 03:30:00' is not on the hour: the layout has one line per clock hour"),
                tuple(9, "timestamp 2013-01-01T04:00 repeats line 8 with the same values: kept once"),
                tuple(10, "timestamp 2013-01-01T05:00 is on lines [10, 11] with different values: which is right would be a guess, all are rejected"),
                tuple(11, "timestamp 2013-01-01T05:00 is on lines [10, 11] with different values: which is right would be a guess, all are rejected"),
                tuple(12, "timestamp '01/01/2013 06:00' is not in the form yyyy-MM-dd HH:mm:ss"));
        assertThat(parsed.rejected().get(0).record()).contains("2013-01-01 01:00:00,n/a,41463.0,2417.0");
        assertThat(parsed.rejected().get(0).operatingDate()).contains(LocalDate.of(2013, 1, 1));
        assertThat(parsed.detail().orElseThrow()).endsWith("; 7 lines rejected");
    }

    @Test
    void timestampRepeatedOnManyLinesIsRejectedWithAReasonNamingTheFirstLines()
    {
        // Found by the fuzz suite (TestParserFuzz): each reason listed every line of the timestamp, n * n for n lines.
        StringBuilder text = new StringBuilder("Date, Price, Grid load forecast, Wind power forecast\n");
        for (int i = 0; i < 12; i++) {
            text.append(String.format("2013-01-01 00:00:00,%d.5,42497.0,2798.0\n", 30 + i));
        }
        ParsedPayload parsed = new SeriesParser(NP).parse(text.toString(), "repeats.csv");

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).hasSize(12).extracting(RejectedRecord::reason).containsOnly("timestamp 2013-01-01T00:00 is on lines "
                + "[2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more] with different values: which is right would be a guess, all are rejected");
    }

    @Test
    void filesThatAreNotThisLayoutAreRejectedWhole()
    {
        assertThat(rejection(NP, resource("de_lu_2020.csv"))).isEqualTo("Cannot parse epftoolbox file test.csv: line 2 starts with '1/15/2020 0:00', "
                + "not a timestamp in the form yyyy-MM-dd HH:mm:ss (it is in deepforkit's form M/d/yyyy H:mm: use --format deepforkit)");
        assertThat(rejection(NP, "2013-01-01 00:00:00,31.05,42497.0,2798.0\n")).isEqualTo(
                "Cannot parse epftoolbox file test.csv: no header row on line 1, it starts with the timestamp '2013-01-01 00:00:00'");
        assertThat(rejection(NP, "")).isEqualTo("Cannot parse epftoolbox file test.csv: no header row on line 1");
        assertThat(rejection(NP, "Date\n2013-01-01 00:00:00\n")).isEqualTo(
                "Cannot parse epftoolbox file test.csv: header [Date] has 1 column; expected a timestamp, the price and any exogenous columns");
        ParsedPayload empty = new SeriesParser(NP).parse("Date, Price\n", "empty.csv");
        assertThat(empty.outcome()).isEqualTo(FetchOutcome.NO_DATA);
    }

    @Test
    void datasetsHaveDefaultsByNameAndOthersNeedAZoneAndCurrency()
    {
        assertThat(NP).isEqualTo(new SeriesDataset(SeriesFormat.EPFTOOLBOX, "NP", "NORDPOOL", "SYSTEM", "system", java.time.ZoneId.of("Europe/Oslo"),
                Optional.of("EUR"), Optional.empty()));
        SeriesDataset pjm = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "pjm", Optional.empty(), Optional.empty());
        assertThat(List.of(pjm.market(), pjm.locationId(), pjm.locationType(), pjm.zone().getId(), pjm.currency().orElseThrow()))
                .isEqualTo(List.of("PJM", "COMED", "zone", "America/New_York", "USD"));
        assertThat(pjm.requestKey()).isEqualTo("epftoolbox|PJM|America/New_York|USD");
        SeriesDataset pl = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "PL", Optional.empty(), Optional.empty());
        assertThat(pl.currency()).isEmpty();
        assertThat(pl.priceRefusal().orElseThrow()).contains("change currency inside the file", "2017-03-02", "2019-11-20");
        assertThat(SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "PL", Optional.empty(), Optional.of("PLN")).currency()).contains("PLN");
        // Every ENTSO-E bidding zone has its zone and currency from the market registry, in either spelling.
        SeriesDataset dk2 = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "DK_2", Optional.empty(), Optional.empty());
        assertThat(List.of(dk2.market(), dk2.locationId(), dk2.zone().getId(), dk2.currency().orElseThrow()))
                .isEqualTo(List.of("ENTSOE", "DK_2", "Europe/Copenhagen", "EUR"));
        SeriesDataset no1 = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "no1", Optional.empty(), Optional.empty());
        assertThat(List.of(no1.locationId(), no1.zone().getId(), no1.currency().orElseThrow())).isEqualTo(List.of("NO_1", "Europe/Oslo", "EUR"));
        assertThat(SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "AT", Optional.empty(), Optional.empty()).zone().getId()).isEqualTo("Europe/Vienna");
        assertThatThrownBy(() -> SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "ATLANTIS", Optional.empty(), Optional.of("EUR")))
                .hasMessage("Cannot import epftoolbox dataset ATLANTIS: no default time zone for that name (defaults exist for BE, DE, FR, NP, PJM "
                        + "and every ENTSO-E bidding zone (e.g. DE_LU, DK_2, NO_1, IT_NORD)); give --zone, e.g. --zone Europe/Berlin");
        assertThatThrownBy(() -> SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "ATLANTIS", Optional.of("Europe/Oslo"), Optional.empty()))
                .hasMessageStartingWith("Cannot import deepforkit dataset ATLANTIS: no default currency for that name");
        assertThatThrownBy(() -> SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "NO_1", Optional.of("Europe/Olso"), Optional.of("EUR")))
                .hasMessageStartingWith("Cannot use time zone 'Europe/Olso': not a region id");
        assertThatThrownBy(() -> SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "NO_1", Optional.of("Europe/Oslo"), Optional.of("EURO")))
                .hasMessage("Cannot use currency 'EURO': not an ISO 4217 code; use a currency's code such as EUR or USD");
        assertThatThrownBy(() -> SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "NO_1", Optional.of("Europe/Oslo"), Optional.of("xxx")))
                .hasMessage("Cannot use currency 'xxx': not a currency: ISO 4217 code XXX stands for Unknown Currency (codes for no currency, testing, "
                        + "precious metals and units of account are refused); use a currency's code such as EUR or USD");
        assertThatThrownBy(() -> SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "N P", Optional.empty(), Optional.empty()))
                .hasMessage("Cannot import epftoolbox dataset 'N P': a name is letters, digits, '_' and '-', e.g. NP or DE_LU");
    }

    private static String layout(String name, String header)
    {
        return layout(SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, name, Optional.empty(), Optional.empty()), header);
    }

    private static String layout(SeriesDataset dataset, String header)
    {
        List<String> names = io.energylakehouse.common.csv.CsvLine.split(header).stream().map(String::trim).toList();
        return SeriesLayout.of(dataset.format(), names, dataset).layout().orElseThrow().describe();
    }

    private static String rejection(SeriesDataset dataset, String text)
    {
        ParsedPayload parsed = new SeriesParser(dataset).parse(text, "test.csv");
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        return parsed.rejected().get(0).reason();
    }

    static String resource(String name)
    {
        try (InputStream input = TestSeriesParser.class.getResourceAsStream("/epf/" + name)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
