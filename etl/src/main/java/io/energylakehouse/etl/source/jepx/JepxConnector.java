package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReportOutput;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JEPX (Japan Electric Power Exchange) behind the connector SPI: the day-ahead spot auction's results ({@code spot},
 * the fiscal-year files {@code spot_{FY}.csv}) to {@code da_30min}: 48 half hours per JST day of the system price
 * ({@code SYSTEM}, type {@code system}) and the nine area prices ({@code HOKKAIDO} .. {@code KYUSHU}, type {@code area}),
 * JPY per MWh. The auction clears half hours only: the hub tables' hourly day-ahead price of the system price is the
 * mean of the hour's two half hours ({@link HubDatasets#subHourlyDayAheadOnly}). JEPX has no real-time market we land.
 */
public final class JepxConnector
        implements MarketConnector
{
    public static final MarketReport SPOT = new MarketReport(JepxSpotParser.REPORT,
            "day-ahead spot results: system and nine area prices and volumes per JST half hour (spot_{FY}.csv, Shift_JIS)", JepxMarket.SOURCE,
            JepxSpotParser.REPORT, JepxTables.RAW_SPOT, List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, JepxMarket.DATASET, JepxMarket.INTERVAL_MINUTES)));
    /**
     * The demo's days: both sides of a fiscal-year boundary (31 March 2025 is in spot_2024.csv, 1 April 2025 in
     * spot_2025.csv) and a January day, which is in the previous calendar year's file.
     */
    public static final List<LocalDate> DEMO_DATES = io.energylakehouse.etl.connector.SampleFiles.withOrdinaryDay(
            List.of(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1)));

    @Override
    public Market market()
    {
        return Markets.JEPX;
    }

    @Override
    public List<MarketReport> reports()
    {
        return List.of(SPOT);
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        // The system price and the nine area prices: the Japanese futures settle on the Tokyo and Kansai areas' prices.
        return Optional.of(HubDatasets.subHourlyDayAheadOnly(JepxMarket.DATASET, JepxMarket.INTERVAL_MINUTES, JepxPriceColumn.SYSTEM.locationType())
                .alsoPublishing(JepxPriceColumn.TOKYO.locationType()));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new JepxSpotParser(limits);
    }

    /** A fiscal-year file holds every location: {@code locations} are checked, not selected. */
    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        List<String> unknown = locations.stream().filter(location -> JepxPriceColumn.ofLocation(location).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch JEPX locations %s: JEPX prices %s; each file holds them all, so leave out --nodes", unknown,
                    String.join(", ", java.util.Arrays.stream(JepxPriceColumn.values()).map(JepxPriceColumn::locationId).toList()));
        }
        JepxLiveSource source = JepxLiveSource.of(settings);
        List<JepxLiveSource.Request> requests = JepxLiveSource.plan(first, last, Instant.now());
        return new LiveFetch(String.format("%d JEPX file downloads (%s), at least %s apart", requests.size(),
                String.join(", ", requests.stream().map(JepxLiveSource.Request::fileName).toList()), source.settings().requestPause()),
                source.payloads(requests));
    }

    /** Synthetic fiscal-year files holding the days; every file holds every location, so {@code locations} is ignored. */
    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticJepx(seed).write(folder, days));
    }

    @Override
    public List<LocalDate> demoDates()
    {
        return DEMO_DATES;
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        return JepxPayloadPrices.prices(records.stream().map(JepxSpotRecord.class::cast).toList(), publishedAtUtc, fetchId);
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        Map<JepxPriceColumn, BigDecimal> prices = new EnumMap<>(JepxPriceColumn.class);
        for (JepxPriceColumn column : JepxPriceColumn.values()) {
            prices.put(column, decimal(row, column.rawColumn()));
        }
        return new JepxSpotRecord(row.integer("line_number"), row.date("operating_date"), row.integer("slot_code"), row.instant("interval_start_utc"),
                row.instant("interval_end_utc"), decimal(row, "sell_bid_volume_kwh"), decimal(row, "buy_bid_volume_kwh"), decimal(row, "contract_volume_kwh"),
                prices, row.string("other_columns_json"));
    }

    private static BigDecimal decimal(RawFields row, String column)
    {
        Object value = row.get(column);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof org.apache.spark.sql.types.Decimal decimal) {
            return decimal.toJavaBigDecimal();
        }
        return new BigDecimal(value.toString());
    }

    /**
     * The report a file holds by its name: a fiscal-year file as JEPX names it ({@code spot_2025.csv}, see
     * {@link JepxFiscalYear#ofFileName}) or any name saying {@code jepx}; not merely any name with "spot" in it, which
     * other markets' files may have.
     */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        boolean ours = JepxFiscalYear.ofFileName(fileName).isPresent() || fileName.toLowerCase(java.util.Locale.ROOT).contains("jepx");
        return ours ? Optional.of(SPOT) : Optional.empty();
    }

    /** Of replayed files, those named for a fiscal year ({@code spot_2025.csv}) whose days meet {@code first..last}; other files are kept. */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> JepxFiscalYear.ofFileName(file.getFileName().toString())
                        .map(year -> !year.lastDay().isBefore(first) && !year.firstDay().isAfter(last))
                        .orElse(true))
                .toList();
    }
}
