package io.energylakehouse.etl.source.aemo;

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
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * AEMO's National Electricity Market behind the connector SPI: the MMS Data Model C/I/D files of NEMweb (monthly
 * archives and current reports). {@code dispatch_price} feeds the five-minute regional reference price {@code rt_5min}
 * and the FCAS prices {@code fcas_<service>_5min} of the regions NSW1, QLD1, SA1, TAS1 and VIC1 (type {@code region});
 * {@code trading_price} the 30-minute trading price {@code trading_30min} before five-minute settlement (2021-10-01);
 * {@code daily} the same from the PUBLIC_DAILY report; {@code price_thresholds} the market price cap and floor, into
 * {@code curated.spot_prices}. The NEM has no day-ahead market: its hub tables are the real-time {@code rt_5min} alone.
 */
public final class AemoConnector
        implements MarketConnector
{
    private static final List<ReportOutput> DISPATCH_OUTPUTS = dispatchOutputs();

    private static List<ReportOutput> dispatchOutputs()
    {
        List<ReportOutput> outputs = new ArrayList<>();
        outputs.add(ReportOutput.of(CanonicalTables.MARKET_PRICES, AemoPayloadPrices.RT_5MIN, 5));
        for (FcasService service : FcasService.values()) {
            outputs.add(ReportOutput.of(CanonicalTables.MARKET_PRICES, service.dataset(), 5));
        }
        return List.copyOf(outputs);
    }

    private static List<ReportOutput> outputs(AemoReport report)
    {
        return switch (report) {
            case DISPATCH_PRICE -> DISPATCH_OUTPUTS;
            case TRADING_PRICE -> List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, AemoPayloadPrices.TRADING_30MIN, 30));
            case DAILY -> {
                List<ReportOutput> outputs = new ArrayList<>(DISPATCH_OUTPUTS);
                outputs.add(ReportOutput.of(CanonicalTables.MARKET_PRICES, AemoPayloadPrices.TRADING_30MIN, 30));
                yield List.copyOf(outputs);
            }
            case PRICE_THRESHOLDS -> List.of(new ReportOutput(CanonicalTables.SPOT_PRICES, AemoThresholds.DATASET, OptionalInt.empty()));
        };
    }

    private static final List<MarketReport> REPORTS = java.util.Arrays.stream(AemoReport.values())
            .map(report -> new MarketReport(report.reportName(), report.title(), AemoMarket.SOURCE, report.requestName(), AemoTables.rawTable(report),
                    outputs(report)))
            .toList();

    @Override
    public Market market()
    {
        return Markets.AEMO;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(HubDatasets.realTimeOnly(AemoPayloadPrices.RT_5MIN, 5, AemoMarket.LOCATION_TYPE));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new AemoParser(limits);
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        AemoReport aemoReport = AemoReport.fromName(report.requestName());
        if (!aemoReport.holdsPrices()) {
            throw new UnsupportedOperationException("Cannot curate AEMO report " + report.name() + " into curated.market_prices: it feeds "
                    + CanonicalTables.SPOT_PRICES.identifier() + " (see canonicalRecords)");
        }
        return AemoPayloadPrices.canonical(records.stream().map(AemoPriceRecord.class::cast).toList(), publishedAtUtc, fetchId);
    }

    @Override
    public CanonicalRecords canonicalRecords(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        if (AemoReport.fromName(report.requestName()) != AemoReport.PRICE_THRESHOLDS) {
            return MarketConnector.super.canonicalRecords(report, records, publishedAtUtc, fetchId);
        }
        return AemoThresholds.canonicalRecords(records.stream().map(AemoThresholdRecord.class::cast).toList(), publishedAtUtc, fetchId);
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return AemoReport.fromName(report.requestName()) == AemoReport.PRICE_THRESHOLDS ? AemoThresholdRecord.of(row) : AemoPriceRecord.of(row);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        List<String> unknown = locations.stream().filter(location -> !AemoMarket.REGIONS.contains(location.toUpperCase(Locale.ROOT))).toList();
        if (!unknown.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch AEMO locations %s: the NEM's regions are %s; NEMweb files hold every region, so leave out --nodes",
                    unknown, AemoMarket.REGIONS);
        }
        AemoLiveSource source = AemoLiveSource.of(settings);
        List<AemoLiveSource.Request> requests = AemoLiveSource.plan(reports.stream().map(report -> AemoReport.fromName(report.requestName())).toList(), first,
                last, Instant.now());
        return new LiveFetch(String.format("%d NEMweb requests (archive months and current-report folders), at least %s apart", requests.size(),
                source.settings().requestPause()), source.payloads(requests));
    }

    /** Synthetic DISPATCHPRICE and TRADINGPRICE files per day, of the first {@code locations} regions (all five by default). */
    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticAemo(seed).write(folder, days, locations));
    }

    /**
     * The last day of 30-minute trading prices (2021-09-30), the first of five-minute settlement (2021-10-01), and the
     * market price cap's change from 16,600 to 17,500 AUD/MWh (2024-06-30, 2024-07-01).
     */
    @Override
    public List<LocalDate> demoDates()
    {
        return DEMO_DATES;
    }

    public static final List<LocalDate> DEMO_DATES = io.energylakehouse.etl.connector.SampleFiles.withOrdinaryDay(List.of(LocalDate.of(2021, 9, 30),
            LocalDate.of(2021, 10, 1), LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 1)));

    @Override
    public List<String> settingKeys()
    {
        return io.energylakehouse.etl.http.HttpSettings.keys(AemoLiveSource.PREFIX);
    }

    /**
     * Of replayed files, those of the reports (all when empty) whose days, as their names say ({@link NemwebFiles#daysOfFileName}),
     * meet {@code first..last}; files whose names say no days are kept.
     */
    @Override
    public List<java.nio.file.Path> select(List<java.nio.file.Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> NemwebFiles.daysOfFileName(file.getFileName().toString())
                        .map(days -> !days[1].isBefore(first) && !days[0].isAfter(last))
                        .orElse(true))
                .toList();
    }

    /** The report a file holds by its name: the archive's table, the current reports' prefix; else the default rule. */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (AemoReport report : AemoReport.values()) {
            if (report.fileNameMarkers().stream().anyMatch(name::contains)) {
                return REPORTS.stream().filter(candidate -> candidate.name().equals(report.reportName())).findFirst();
            }
        }
        return MarketConnector.super.reportOfFile(fileName);
    }
}
