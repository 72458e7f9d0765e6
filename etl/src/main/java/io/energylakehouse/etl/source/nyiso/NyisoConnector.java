package io.energylakehouse.etl.source.nyiso;

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
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** NYISO behind the connector SPI: the MIS LBMP files (daily CSVs and their monthly zips), their parser and curation step. */
public final class NyisoConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(NyisoReport.values())
            .map(report -> new MarketReport(report.reportName(), "NYISO " + report.title() + " (MIS " + report.misDataset() + ")", NyisoMarket.SOURCE,
                    report.reportName(), NyisoTables.rawTable(report),
                    List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.NYISO;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        // NYISO has no trading hubs: its zones are what trades (zone J is the reference); generators are nodes.
        return Optional.of(new HubDatasets(NyisoReport.DAMLBMP_ZONE.dataset(), NyisoReport.REALTIME_ZONE.dataset(), NyisoReport.REALTIME_ZONE.intervalMinutes(), "zone"));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new NyisoLbmpParser(limits);
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<NyisoLbmpRecord> lbmpRecords = (List<NyisoLbmpRecord>) records;
        return NyisoPayloadPrices.canonical(lbmpRecords, NyisoReport.fromName(report.name()), publishedAtUtc, fetchId);
    }

    /** The location is its PTID; its {@code Name} is the zone or generator name. */
    @Override
    public Optional<io.energylakehouse.etl.curate.LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        NyisoLbmpRecord price = (NyisoLbmpRecord) record;
        return Optional.of(new io.energylakehouse.etl.curate.LocationAttributes(Long.toString(price.ptid()), price.name(), null, null));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return new NyisoLbmpRecord(NyisoReport.fromName(report.name()), row.string("member"), row.integer("line_number"), row.instant("interval_start_utc"),
                row.instant("interval_end_utc"), row.string("time_stamp"), row.string("time_zone"), row.string("name"), row.longValue("ptid"), row.doubleValue("lbmp"),
                row.doubleValue("marginal_cost_losses"), row.doubleValue("marginal_cost_congestion"));
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch NYISO PTIDs %s alone: NYISO's files hold every zone or generator; leave out --nodes", locations);
        }
        HttpSettings http = NyisoLiveSource.settings(settings);
        List<NyisoLiveSource.Request> requests = NyisoLiveSource.plan(reports.stream().map(report -> NyisoReport.fromName(report.name())).toList(), first, last,
                LocalDate.now(NyisoMarket.TIME.zone()));
        return new LiveFetch(String.format("%d NYISO MIS files, at least %s apart", requests.size(), http.requestPause()),
                NyisoLiveSource.payloads(NyisoLiveSource.client(http), requests));
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticNyiso(seed).write(folder, days, SyntheticNyiso.generators(locations)));
    }

    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        Optional<NyisoReport> named = NyisoFileName.parse(fileName).flatMap(NyisoFileName::report);
        return named.flatMap(report -> REPORTS.stream().filter(candidate -> candidate.name().equals(report.reportName())).findFirst())
                .or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
