package io.energylakehouse.etl.source.ercot;

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

/** ERCOT behind the connector SPI: the settlement point price reports (MIS documents and public API pages), their parser and curation step. */
public final class ErcotConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(ErcotReport.values())
            .map(report -> new MarketReport(report.reportName(), report.title() + " (" + report.emilId() + ")", ErcotMarket.SOURCE, report.emilId(),
                    ErcotTables.rawTable(report), List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.ERCOT;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(new HubDatasets(ErcotReport.DAM_SPP.dataset(), ErcotReport.RT_SPP.dataset(), ErcotReport.RT_SPP.intervalMinutes()));
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot fetch ERCOT settlement points %s alone: ERCOT's reports hold every settlement point; "
                    + "leave out --nodes", locations);
        }
        ErcotApiConfig config = ErcotApiConfig.from(settings);
        List<ErcotApiRequest> requests = ErcotLiveSource.plan(reports.stream().map(report -> ErcotReport.fromName(report.requestName())).toList(), first, last,
                LocalDate.now(java.time.ZoneOffset.UTC));
        ErcotApiClient client = new ErcotApiClient(config, System::getenv);
        return new LiveFetch(String.format("%d ERCOT public API requests, at least %s apart", requests.size(), config.http().requestPause()),
                ErcotLiveSource.payloads(client, requests));
    }

    @Override
    public List<String> settingKeys()
    {
        return ErcotApiConfig.KEYS;
    }

    @Override
    public String settingsSummary(Settings settings)
    {
        return ErcotApiConfig.from(settings).toString();
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new ErcotSppParser(limits);
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticErcot(seed).write(folder, days, SyntheticErcot.settlementPoints(locations)));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<ErcotSppRecord> sppRecords = (List<ErcotSppRecord>) records;
        return ErcotPayloadPrices.canonical(sppRecords, ErcotReport.fromName(report.requestName()), publishedAtUtc, fetchId);
    }

    /** The settlement point (the id adds a suffix to energy-weighted zones) and its settlement point type (HU, LZ, RN, ...). */
    @Override
    public Optional<io.energylakehouse.etl.curate.LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        ErcotSppRecord price = (ErcotSppRecord) record;
        return Optional.of(new io.energylakehouse.etl.curate.LocationAttributes(ErcotMarket.locationId(price.settlementPoint(), price.settlementPointType()),
                price.settlementPoint(), price.settlementPointType(), null));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        ErcotReport spp = ErcotReport.fromName(report.requestName());
        Integer hour = spp.hasIntervals() ? row.integer("delivery_hour") : row.integer("hour_ending");
        return new ErcotSppRecord(spp, row.integer("line_number"), row.instant("interval_start_utc"), row.instant("interval_end_utc"),
                row.date("delivery_date"), hour, spp.hasIntervals() ? row.integer("delivery_interval") : null, row.string("settlement_point"),
                spp.hasIntervals() ? row.string("settlement_point_type") : null, row.doubleValue("settlement_point_price"), row.bool("dst_flag"));
    }

    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        Optional<String> emilId = ErcotDocumentName.parse(fileName).emilId();
        return emilId.flatMap(id -> REPORTS.stream().filter(report -> report.requestName().equals(id)).findFirst())
                .or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
