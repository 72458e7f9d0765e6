package io.energylakehouse.etl.source.aeso;

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

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * AESO (Alberta) behind the connector SPI: the pool price ({@code pool_price} to {@code rt_hourly}) and the system
 * marginal price ({@code system_marginal_price} to {@code rt_smp_5min}) of the AESO API gateway, also read from the
 * legacy ETS CSV reports; the one location is the Alberta system price ({@code ALBERTA}, type {@code system}). Alberta
 * has no day-ahead market: its hub tables are the real-time pool price alone.
 */
public final class AesoConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(AesoReport.values())
            .map(report -> new MarketReport(report.reportName(), report.title() + " (" + report.jsonKey() + ")", AesoMarket.SOURCE, report.requestName(),
                    AesoTables.rawTable(report), List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.AESO;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(HubDatasets.realTimeOnly(AesoReport.POOL_PRICE.dataset(), AesoReport.POOL_PRICE.intervalMinutes(), AesoMarket.LOCATION_TYPE));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new AesoParser(limits);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty() && !locations.stream().allMatch(AesoMarket.LOCATION_ID::equalsIgnoreCase)) {
            throw LakehouseException.userError("Cannot fetch AESO locations %s: Alberta has one system price, %s; leave out --nodes", locations,
                    AesoMarket.LOCATION_ID);
        }
        AesoLiveSource source = AesoLiveSource.of(settings);
        List<AesoLiveSource.Request> requests = AesoLiveSource.plan(reports.stream().map(report -> AesoReport.fromName(report.requestName())).toList(), first,
                last, Instant.now());
        return new LiveFetch(String.format("%d AESO API calls, at least %s apart", requests.size(), source.settings().requestPause()),
                source.payloads(requests));
    }

    /** Synthetic API answers of both reports per day; Alberta has one location, so {@code locations} is ignored. */
    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticAeso(seed).write(folder, days));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        return switch (AesoReport.fromName(report.requestName())) {
            case POOL_PRICE -> AesoPayloadPrices.poolPrice(records.stream().map(AesoPoolPriceRecord.class::cast).toList(), publishedAtUtc, fetchId);
            case SYSTEM_MARGINAL_PRICE -> AesoPayloadPrices.systemMarginalPrice(records.stream().map(AesoSmpRecord.class::cast).toList(), publishedAtUtc,
                    fetchId);
        };
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return switch (AesoReport.fromName(report.requestName())) {
            case POOL_PRICE -> new AesoPoolPriceRecord(row.integer("line_number"), row.instant("interval_start_utc"), row.instant("interval_end_utc"),
                    row.string("local_time"), row.doubleValue("pool_price"), row.doubleValue("forecast_pool_price"), row.doubleValue("rolling_30day_avg"),
                    row.doubleValue("ail_demand_mw"));
            case SYSTEM_MARGINAL_PRICE -> new AesoSmpRecord(row.integer("line_number"), row.instant("interval_start_utc"), row.instant("interval_end_utc"),
                    row.string("local_time"), row.string("local_end_time"), row.doubleValue("system_marginal_price"), row.doubleValue("volume_mw"));
        };
    }

    /**
     * Of replayed files, those of the reports (all when empty) and, for files named as the connector names them
     * ({@code aeso_pool_price_20241101_20241130.json}), whose days meet {@code first..last}; other files are kept.
     */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> AesoFileName.parse(file.getFileName().toString())
                        .map(name -> !name.last().isBefore(first) && !name.first().isAfter(last))
                        .orElse(true))
                .toList();
    }

    /** The report a file holds by its name: ours, the API's ({@code poolPrice}) or the legacy servlet's; else by the default rule. */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        return AesoFileName.reportOf(fileName)
                .flatMap(report -> REPORTS.stream().filter(candidate -> candidate.name().equals(report.reportName())).findFirst())
                .or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
