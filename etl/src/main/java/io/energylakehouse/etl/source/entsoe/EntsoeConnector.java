package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.market.BiddingZone;
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
import io.energylakehouse.etl.curate.LocationAttributes;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ENTSO-E Transparency Platform behind the connector SPI: A44 day-ahead prices of every bidding zone (SDAC hourly
 * and quarter-hourly, EXAA quarter-hourly kept apart), A65 load and A69 wind and solar forecasts, their StAX parser,
 * curation steps and live requests, one per zone and delivery day.
 */
public final class EntsoeConnector
        implements MarketConnector
{
    private static final Logger log = LoggerFactory.getLogger(EntsoeConnector.class);
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(A44|A65|A69)(?:_(A\\d\\d))?_([A-Z_]+)_(\\d{4}-\\d{2}-\\d{2})\\.xml");

    private static final List<MarketReport> REPORTS = List.of(
            report(EntsoeReport.A44, List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, "da_hourly", 60),
                    ReportOutput.of(CanonicalTables.MARKET_PRICES, "da_15min", 15), ReportOutput.of(CanonicalTables.MARKET_PRICES, "exaa_15min", 15))),
            report(EntsoeReport.A65, List.of(ReportOutput.of(CanonicalTables.FUNDAMENTALS, "load_actual_mw", 15),
                    ReportOutput.of(CanonicalTables.FUNDAMENTALS, "load_forecast_mw", 15))),
            report(EntsoeReport.A69, List.of(ReportOutput.of(CanonicalTables.FUNDAMENTALS, "solar_forecast_mw", 15),
                    ReportOutput.of(CanonicalTables.FUNDAMENTALS, "wind_onshore_forecast_mw", 15),
                    ReportOutput.of(CanonicalTables.FUNDAMENTALS, "wind_offshore_forecast_mw", 15))));

    private static MarketReport report(EntsoeReport report, List<ReportOutput> outputs)
    {
        return new MarketReport(report.reportName(), report.title() + " (documentType " + report.documentType() + ")", EntsoeMarket.SOURCE,
                report.documentType(), EntsoeTables.rawTable(report), outputs);
    }

    @Override
    public Market market()
    {
        return Markets.ENTSOE;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    /** The zones' hourly SDAC prices. */
    /** Both European clock changes of 2024 in hours, and of 2025-2026 in quarter hours. */
    @Override
    public List<LocalDate> demoDates()
    {
        return io.energylakehouse.etl.connector.SampleFiles.withOrdinaryDay(io.energylakehouse.etl.connector.SampleFiles.EUROPEAN_DST_DAYS);
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        // From 2025-10-01 the day-ahead auction clears quarter hours: an hour without an hourly price takes their mean.
        return Optional.of(HubDatasets.dayAheadOnly("da_hourly", EntsoeMarket.LOCATION_TYPE).withSubHourlyDayAhead("da_15min", 15));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new EntsoeParser(limits);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        EntsoeLiveSource source = EntsoeLiveSource.of(settings);
        List<BiddingZone> zones = (locations.isEmpty() ? EntsoeMarket.DEFAULT_ZONES : locations).stream().map(EntsoeMarket::requireZone).toList();
        List<EntsoeLiveSource.Request> requests = EntsoeLiveSource.plan(reports.stream().map(report -> EntsoeReport.fromName(report.requestName())).toList(),
                zones, first, last, Instant.now());
        log.info("ENTSO-E live: {} requests for reports {}, {} zones, delivery days {}..{}", requests.size(), reports.stream().map(MarketReport::name).toList(),
                zones.size(), first, last);
        return new LiveFetch(String.format("%d ENTSO-E Transparency Platform requests (%d zones), at least %s apart", requests.size(), zones.size(),
                source.settings().requestPause()), source.payloads(requests));
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        // One price per zone: the demo's node count asks for more zones than the generator has, so it takes them all.
        return Optional.of((folder, days, locations, seed) -> new SyntheticEntsoe(seed).write(folder, days, SyntheticEntsoe.zones(Math.min(locations, SyntheticEntsoe.ZONE_COUNT))));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        if (!EntsoeReport.fromName(report.requestName()).isPrices()) {
            return new CanonicalPrices(List.of(), List.of());
        }
        return EntsoePayloadPrices.canonical(points(records), publishedAtUtc, fetchId);
    }

    @Override
    public CanonicalRecords canonicalRecords(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        if (EntsoeReport.fromName(report.requestName()).isPrices()) {
            return MarketConnector.super.canonicalRecords(report, records, publishedAtUtc, fetchId);
        }
        return EntsoeFundamentals.canonical(points(records), publishedAtUtc, fetchId);
    }

    @SuppressWarnings("unchecked")
    private static List<EntsoePointRecord> points(List<? extends RawRecord> records)
    {
        return (List<EntsoePointRecord>) records;
    }

    /** The zone's name from the registry, its EIC as the operator's type code, and its code as zone. */
    @Override
    public Optional<LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        EntsoePointRecord point = (EntsoePointRecord) record;
        return EntsoeMarket.zone(point.domainEic()).map(zone -> new LocationAttributes(zone.code(), zone.name(), zone.eic(), zone.code()));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        EntsoeReport entsoe = EntsoeReport.fromName(report.requestName());
        return new EntsoePointRecord(entsoe, row.integer("point_number"), row.integer("line_number"), row.integer("time_series_number"),
                row.string("time_series_mrid"), row.string("business_type"), row.string("process_type"), row.string("contract_type"), row.string("zone_eic"),
                row.string("psr_type"), row.integer("classification_sequence"), row.string("currency"), row.string("measure_unit"), row.string("curve_type"),
                row.string("resolution"), row.instant("period_start_utc"), row.instant("period_end_utc"), row.integer("position"),
                row.instant("interval_start_utc"), row.instant("interval_end_utc"), row.doubleValue(entsoe.valueColumn()), row.instant("created_at_utc"));
    }

    /** The report of a file named as the live source names its payloads ({@code A44_FR_2024-03-31.xml}, {@code A65_A16_FR_...}), else by the default rule. */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (matcher.matches()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            return REPORTS.stream().filter(report -> report.name().equals(name)).findFirst();
        }
        return MarketConnector.super.reportOfFile(fileName);
    }

    /** Of replayed files, those of the reports and of the delivery days {@code first..last} by their names; a file named otherwise is kept. */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> {
                    Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
                    if (!matcher.matches()) {
                        return true;
                    }
                    LocalDate day = LocalDate.parse(matcher.group(4));
                    return !day.isBefore(first) && !day.isAfter(last);
                })
                .toList();
    }
}
