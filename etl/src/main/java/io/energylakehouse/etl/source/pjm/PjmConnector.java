package io.energylakehouse.etl.source.pjm;

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

/** PJM behind the connector SPI: the Data Miner 2 LMP feeds, their parser and curation step. */
public final class PjmConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(PjmReport.values())
            .map(report -> new MarketReport(report.feed(), description(report), PjmMarket.SOURCE, report.feed(), PjmTables.rawTable(report),
                    List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.PJM;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(new HubDatasets(PjmReport.DA_HRL_LMPS.dataset(), PjmReport.RT_FIVEMIN_HRL_LMPS.dataset(), PjmReport.RT_FIVEMIN_HRL_LMPS.intervalMinutes()));
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        List<Long> pnodeIds = new java.util.ArrayList<>();
        for (String location : locations) {
            try {
                pnodeIds.add(Long.parseLong(location.strip()));
            }
            catch (NumberFormatException e) {
                throw io.energylakehouse.common.LakehouseException.userError("Cannot fetch PJM pnode '%s': PJM locations are pnode ids, e.g. 51217 (WESTERN HUB)", location);
            }
        }
        DataMinerConfig config = DataMinerConfig.from(settings);
        List<DataMinerRequest> requests = DataMinerLiveSource.plan(reports.stream().map(report -> PjmReport.fromName(report.requestName())).toList(), first, last,
                pnodeIds, LocalDate.now(java.time.ZoneOffset.UTC));
        DataMinerClient client = new DataMinerClient(config, System::getenv);
        return new LiveFetch(String.format("%d Data Miner 2 requests (paged by %d rows), at least %s apart", requests.size(), config.rowCount(),
                config.http().requestPause()), DataMinerLiveSource.payloads(client, requests));
    }

    @Override
    public List<String> settingKeys()
    {
        return DataMinerConfig.KEYS;
    }

    @Override
    public String settingsSummary(Settings settings)
    {
        return DataMinerConfig.from(settings).toString();
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new PjmLmpParser(limits);
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticDataMiner(seed).write(folder, days, SyntheticDataMiner.pnodes(locations), 50_000));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<PjmLmpRecord> lmpRecords = (List<PjmLmpRecord>) records;
        return PjmPayloadPrices.canonical(lmpRecords, PjmReport.fromName(report.requestName()), publishedAtUtc, fetchId);
    }

    /** The pnode's name, its Data Miner {@code type} and its {@code zone}. */
    @Override
    public Optional<io.energylakehouse.etl.curate.LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        PjmLmpRecord item = (PjmLmpRecord) record;
        return Optional.of(new io.energylakehouse.etl.curate.LocationAttributes(Long.toString(item.pnodeId()), item.pnodeName(), item.pnodeType(), item.zone()));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        PjmReport feed = PjmReport.fromName(report.requestName());
        return new PjmLmpRecord(feed, row.integer("item_number"), row.instant("interval_start_utc"), row.string("datetime_beginning_ept"),
                row.longValue("pnode_id"), row.string("pnode_name"), row.string("type"), row.string("zone"), row.string("voltage"), row.string("equipment"),
                row.doubleValue(feed.totalField()), row.doubleValue(feed.energyField()), row.doubleValue(feed.congestionField()),
                row.doubleValue(feed.lossField()), row.bool("row_is_current"), row.integer("version_nbr"), row.string("occ_check"),
                row.string("ref_caseid_used_multi_interval"));
    }

    private static String description(PjmReport report)
    {
        String kind = switch (report.verification()) {
            case FINAL -> "day-ahead";
            case VERIFIED -> "real-time, settlement-verified";
            case UNVERIFIED -> "real-time, unverified (first publication)";
        };
        return String.format("%s %d-minute LMPs (Data Miner 2 %s)", kind, report.intervalMinutes(), report.feed());
    }
}
