package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.config.Settings;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/** CAISO behind the connector SPI: the OASIS LMP reports, their parser and their curation step. */
public final class CaisoConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(OasisReport.values()).map(CaisoConnector::report).toList();

    @Override
    public Market market()
    {
        return Markets.CAISO;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(new HubDatasets(OasisReport.PRC_LMP.dataset(), OasisReport.PRC_INTVL_LMP.dataset(), OasisReport.PRC_INTVL_LMP.intervalMinutes()));
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new OasisLmpParser(limits);
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticOasis(seed).write(folder, days, SyntheticOasis.nodes(locations)));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<OasisLmpRecord> oasisRecords = (List<OasisLmpRecord>) records;
        return CaisoPayloadPrices.canonical(oasisRecords, oasis(report), publishedAtUtc, fetchId);
    }

    /** OASIS names a node by its id alone and says nothing of its type or zone in the price reports: nothing beyond the id. */
    @Override
    public Optional<io.energylakehouse.etl.curate.LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        return Optional.empty();
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        OasisReport oasis = oasis(report);
        return new OasisLmpRecord(row.integer("line_number"), row.instant("interval_start_utc"), row.instant("interval_end_utc"), row.date("opr_dt"),
                row.integer("opr_hr"), row.integer("opr_interval"), row.string("node_id_xml"), row.string("node_id"), row.string("node"),
                row.string("market_run_id"), row.string("lmp_type"), row.string("xml_data_item"), row.string("pnode_resmrid"), row.string("grp_type"),
                row.doubleValue("pos"), row.doubleValue(oasis.valueColumn().toLowerCase(Locale.ROOT)), row.integer("group_number"));
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        CaisoConfig config = CaisoConfig.from(settings);
        List<OasisRequest> requests = OasisLiveSource.plan(reports.stream().map(CaisoConnector::oasis).toList(), first, last, locations,
                LocalDate.now(java.time.ZoneOffset.UTC), config.retentionMonths());
        return new LiveFetch(String.format("%d OASIS requests, at least %s apart", requests.size(), config.requestPause()),
                OasisLiveSource.payloads(new OasisClient(config), requests));
    }

    @Override
    public String settingsSummary(Settings settings)
    {
        return CaisoConfig.from(settings).toString();
    }

    @Override
    public List<String> settingKeys()
    {
        return CaisoConfig.KEYS;
    }

    @Override
    public List<java.nio.file.Path> select(List<java.nio.file.Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return CaisoFiles.select(files, first, last, reports.stream().map(CaisoConnector::oasis).toList());
    }

    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        return CaisoFiles.reportFromName(fileName).map(report -> report(report.queryName()));
    }

    /** The OASIS report behind a connector report. */
    public static OasisReport oasis(MarketReport report)
    {
        return OasisReport.fromName(report.requestName());
    }

    private static MarketReport report(OasisReport report)
    {
        String description = report == OasisReport.PRC_LMP ? "day-ahead hourly LMPs (OASIS PRC_LMP, market run DAM)" : "real-time 5-minute LMPs (OASIS PRC_INTVL_LMP, market run RTM)";
        return new MarketReport(report.queryName().toLowerCase(Locale.ROOT), description, CaisoMarket.SOURCE, report.queryName(), CaisoTables.rawTable(report),
                List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes())));
    }
}
