package io.energylakehouse.etl.source.miso;

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

/**
 * MISO behind the connector SPI: the hourly LMP market reports (day-ahead ex-post, real-time preliminary and final) and
 * the weekly five-minute LMP zip, their parsers and curation steps, and live plain GETs of the hourly report files (the
 * weekly zip, hundreds of megabytes, is replayed from a download, not fetched live).
 */
public final class MisoConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(MisoReport.values())
            .map(report -> new MarketReport(report.reportName(), "MISO " + report.title() + " (market report " + report.fileNamePattern() + ")",
                    MisoMarket.SOURCE, report.reportName(), MisoTables.rawTable(report),
                    List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.MISO;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(new HubDatasets(MisoReport.DA_EXPOST_LMP.dataset(), MisoReport.RT_LMP_FINAL.dataset(), MisoReport.RT_LMP_FINAL.intervalMinutes()));
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch MISO nodes %s alone: MISO's market reports hold every node; leave out --nodes", locations);
        }
        List<MisoReport> asked = reports.stream().map(report -> MisoReport.fromName(report.requestName())).toList();
        List<MisoReport> fetched = asked.stream().filter(report -> !report.isFiveMinute()).toList();
        if (fetched.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch MISO %s live: the weekly %s is hundreds of megabytes, more than a payload may be; download it "
                    + "and replay the file", MisoReport.RT_5MIN_LMP.reportName(), MisoReport.RT_5MIN_LMP.fileNamePattern());
        }
        HttpSettings http = MisoLiveSource.settings(settings);
        List<MisoLiveSource.Request> requests = MisoLiveSource.plan(fetched, first, last);
        String skipped = fetched.size() < asked.size() ? " (" + MisoReport.RT_5MIN_LMP.reportName() + " not fetched live: replay its weekly zip)" : "";
        return new LiveFetch(String.format("%d MISO market report files from %s, at least %s apart%s", requests.size(), http.baseUrl(), http.requestPause(),
                skipped), MisoLiveSource.payloads(MisoLiveSource.client(http), requests));
    }

    @Override
    public List<String> settingKeys()
    {
        return HttpSettings.keys(MisoLiveSource.DEFAULTS.prefix());
    }

    @Override
    public String settingsSummary(Settings settings)
    {
        HttpSettings http = MisoLiveSource.settings(settings);
        return String.format("MISO live: %s=%s, %s=%s, %s=%d, %s=%s, %s=%s, %s=%s", http.key(HttpSettings.BASE_URL), http.baseUrl(),
                http.key(HttpSettings.REQUEST_PAUSE), http.requestPause(), http.key(HttpSettings.MAX_ATTEMPTS), http.maxAttempts(),
                http.key(HttpSettings.THROTTLE_BACKOFF), http.throttleBackoff(), http.key(HttpSettings.REQUEST_TIMEOUT), http.requestTimeout(),
                http.key(HttpSettings.MAX_BACKOFF), http.maxBackoff());
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return MisoReport.fromName(report.requestName()).isFiveMinute() ? new MisoFiveMinuteParser(limits) : new MisoLmpParser(limits);
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticMiso(seed).write(folder, days, SyntheticMiso.nodes(locations)));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        MisoReport misoReport = MisoReport.fromName(report.requestName());
        if (misoReport.isFiveMinute()) {
            @SuppressWarnings("unchecked")
            List<MisoFiveMinuteRecord> fiveMinuteRecords = (List<MisoFiveMinuteRecord>) records;
            return MisoPayloadPrices.canonicalFiveMinute(fiveMinuteRecords, publishedAtUtc, fetchId);
        }
        @SuppressWarnings("unchecked")
        List<MisoLmpRecord> lmpRecords = (List<MisoLmpRecord>) records;
        return MisoPayloadPrices.canonical(lmpRecords, misoReport, publishedAtUtc, fetchId);
    }

    /** The hourly reports' {@code Type} (Hub, Loadzone, Gennode, Interface); the node's name is its id; the five-minute files say nothing more. */
    @Override
    public Optional<io.energylakehouse.etl.curate.LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        return record instanceof MisoLmpRecord price
                ? Optional.of(new io.energylakehouse.etl.curate.LocationAttributes(price.node(), null, price.nodeType(), null))
                : Optional.empty();
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        MisoReport misoReport = MisoReport.fromName(report.requestName());
        if (misoReport.isFiveMinute()) {
            return new MisoFiveMinuteRecord(row.integer("line_number"), row.instant("interval_start_utc"), row.string("mkthour_est"), row.string("node"),
                    row.doubleValue("lmp"), row.doubleValue("con_lmp"), row.doubleValue("loss_lmp"));
        }
        return new MisoLmpRecord(misoReport, row.integer("line_number"), row.instant("interval_start_utc"),
                row.date("market_day"), row.integer("hour_ending"), row.string("node"), row.string("node_type"), row.doubleValue("lmp"),
                row.doubleValue("mcc"), row.doubleValue("mlc"), Boolean.TRUE.equals(row.bool("has_duplicate_rows")));
    }

    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        Optional<String> named = MisoLmpParser.FileName.parse(fileName).reportName();
        return named.flatMap(name -> REPORTS.stream().filter(report -> MisoReport.fromName(report.requestName()).fileStem().equals(name)).findFirst())
                .or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
