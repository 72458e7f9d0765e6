package io.energylakehouse.etl.source.spp;

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
 * SPP behind the connector SPI: the Marketplace LMP files (day-ahead by settlement location and by bus, real-time
 * interval and daily files), their parser, curation step and live download from the portal's file browser.
 */
public final class SppConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(SppReport.values())
            .map(report -> new MarketReport(report.reportName(), report.title() + " (" + report.filePrefix() + ")", SppMarket.SOURCE, report.filePrefix(),
                    SppTables.rawTable(report), List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.SPP;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(new HubDatasets(SppReport.DA_LMP_SL.dataset(), SppReport.RTBM_LMP_SL.dataset(), SppReport.RTBM_LMP_SL.intervalMinutes()));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new SppLmpParser(limits);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch SPP locations %s alone: SPP's files hold every settlement location or bus; leave out --nodes",
                    locations);
        }
        SppLiveSource source = SppLiveSource.of(settings);
        List<SppLiveSource.Request> requests = SppLiveSource.plan(reports.stream().map(report -> SppReport.fromName(report.requestName())).toList(), first,
                last, Instant.now());
        return new LiveFetch(String.format("%d SPP Marketplace file downloads, at least %s apart", requests.size(), source.settings().requestPause()),
                source.payloads(requests));
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticSpp(seed).write(folder, days, SyntheticSpp.settlementLocations(locations)));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<SppLmpRecord> lmpRecords = (List<SppLmpRecord>) records;
        return SppPayloadPrices.canonical(lmpRecords, SppReport.fromName(report.requestName()), publishedAtUtc, fetchId);
    }

    /** Whether the file prices settlement locations or pnodes (its location column), and the balancing authority area where it says. */
    @Override
    public Optional<io.energylakehouse.etl.curate.LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        SppLmpRecord price = (SppLmpRecord) record;
        return Optional.of(new io.energylakehouse.etl.curate.LocationAttributes(price.locationId(), null, price.report().locationColumn().header(), price.baa()));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        SppReport spp = SppReport.fromName(report.requestName());
        return new SppLmpRecord(spp, row.integer("line_number"), row.instant("interval_start_utc"), row.instant("interval_end_utc"), row.string("interval"),
                row.string("settlement_location"), row.string("pnode"), row.doubleValue("lmp"), row.doubleValue("mlc"), row.doubleValue("mcc"),
                row.doubleValue("mec"), row.string("baa"));
    }

    /**
     * Of replayed files, those of the reports (all when empty) and of the operating days {@code first..last} by their
     * names: a day file by its day, an interval file by the operating day of its interval's start; a file whose name is
     * not SPP's is kept.
     */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> SppFileName.parse(file.getFileName().toString()).map(name -> {
                    LocalDate day = name.intervalEndUtc()
                            .map(end -> SppMarket.TIME.operatingDate(end.minus(name.report().intervalLength())))
                            .orElse(name.day());
                    return !day.isBefore(first) && !day.isAfter(last);
                }).orElse(true))
                .toList();
    }

    /** The report a file holds by its name ({@code RTBM-LMP-SL-202511020105d.csv}), else by the default rule. */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        return SppFileName.parse(fileName)
                .flatMap(name -> REPORTS.stream().filter(report -> report.name().equals(name.report().reportName())).findFirst())
                .or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
