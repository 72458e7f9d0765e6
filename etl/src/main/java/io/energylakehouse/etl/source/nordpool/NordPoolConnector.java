package io.energylakehouse.etl.source.nordpool;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Nord Pool behind the connector SPI: the data portal's day-ahead prices per delivery area ({@code day_ahead_prices}),
 * their parser (the portal's shape and the licensed API's), curation step, live download and sample generator.
 *
 * <p>Published hub tables are made of {@code da_hourly} (EUR) of the {@code area} locations. From 2025-10-01 the auction
 * is quarter-hourly and a payload holds {@code da_15min} rows only, so {@code da_hourly} has no rows for those days unless
 * Nord Pool also serves hourly prices: publishing must average {@code da_15min} per hour for them (the integrator's
 * change in the shared publishing step), not report the days as missing.
 */
public final class NordPoolConnector
        implements MarketConnector
{
    private static final Logger LOG = LoggerFactory.getLogger(NordPoolConnector.class);
    private static final List<MarketReport> REPORTS = List.of(new MarketReport(NordPoolReport.DAY_AHEAD_PRICES.reportName(),
            NordPoolReport.DAY_AHEAD_PRICES.title() + " (" + NordPoolReport.DAY_AHEAD_PRICES.requestName() + ")", NordPoolMarket.SOURCE,
            NordPoolReport.DAY_AHEAD_PRICES.requestName(), NordPoolTables.RAW_DAY_AHEAD_PRICES,
            NordPoolReport.datasets().stream().map(dataset -> ReportOutput.of(CanonicalTables.MARKET_PRICES, dataset.dataset(), dataset.intervalMinutes()))
                    .toList()));

    @Override
    public Market market()
    {
        return Markets.NORDPOOL;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

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
        return Optional.of(HubDatasets.dayAheadOnly(NordPoolReport.HOURLY_DATASET, NordPoolMarket.LOCATION_TYPE)
                .withSubHourlyDayAhead(NordPoolReport.QUARTER_HOURLY_DATASET, 15));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new NordPoolPriceParser(limits);
    }

    /** Locations are Nord Pool area names ({@code SE3}, {@code GER}) or ENTSO-E zone codes ({@code SE_3}); none means every area of the table. */
    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        List<String> areas = new ArrayList<>();
        for (String location : locations) {
            String area = NordPoolAreas.area(location).or(() -> NordPoolAreas.ofBiddingZone(location)).map(NordPoolAreas.Area::name)
                    .orElseThrow(() -> LakehouseException.userError("Cannot fetch Nord Pool area '%s': known areas are %s", location,
                            NordPoolLiveSource.defaultAreas()));
            if (!areas.contains(area)) {
                areas.add(area);
            }
        }
        List<String> currencies = NordPoolLiveSource.currencies(settings);
        NordPoolLiveSource source = NordPoolLiveSource.of(settings);
        List<NordPoolLiveSource.Request> requests = NordPoolLiveSource.plan(first, last, areas.isEmpty() ? NordPoolLiveSource.defaultAreas() : areas,
                currencies, Instant.now());
        LOG.info("Nord Pool live: {} requests for delivery days {}..{} in {}", requests.size(), first, last, currencies);
        return new LiveFetch(String.format("%d Nord Pool data portal requests (%s), at least %s apart", requests.size(), String.join(",", currencies),
                source.settings().requestPause()), source.payloads(requests));
    }

    @Override
    public List<String> settingKeys()
    {
        return NordPoolLiveSource.settingKeys();
    }

    /**
     * Nord Pool's EUR day-ahead prices of the areas that are ENTSO-E bidding zones are the same auction results as
     * ENTSO-E's A44 prices of those zones (SYS, the system price, is no zone): compared interval by interval.
     */
    @Override
    public List<io.energylakehouse.etl.curate.CrossSourcePrices.Pairing> crossSourceChecks()
    {
        java.util.Map<String, String> zones = new java.util.TreeMap<>();
        NordPoolAreas.all().forEach(area -> area.zoneCode().ifPresent(zone -> zones.put(area.name(), zone)));
        return List.of(new io.energylakehouse.etl.curate.CrossSourcePrices.Pairing(market().code(), io.energylakehouse.common.market.Markets.ENTSOE.code(), zones,
                java.util.Map.of(NordPoolReport.HOURLY_DATASET, "da_hourly", NordPoolReport.QUARTER_HOURLY_DATASET, "da_15min"), 0.005));
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticNordPool(seed).write(folder, days, SyntheticNordPool.areas(locations)));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<NordPoolPriceRecord> prices = (List<NordPoolPriceRecord>) records;
        return NordPoolPayloadPrices.canonical(prices, publishedAtUtc, fetchId);
    }

    /** The area's ENTSO-E bidding zone name and code ({@code Sweden Stockholm}, {@code SE_3}); SYS has none. */
    @Override
    public Optional<LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        NordPoolPriceRecord price = (NordPoolPriceRecord) record;
        return NordPoolAreas.area(price.deliveryArea())
                .map(area -> new LocationAttributes(area.name(), area.biddingZone().map(io.energylakehouse.common.market.BiddingZone::name)
                        .orElse("Nord Pool system price"), null, area.zoneCode().orElse(null)));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return new NordPoolPriceRecord(row.integer("entry_number"), row.string("delivery_area"), row.date("delivery_date_cet"), row.instant("interval_start_utc"),
                row.instant("interval_end_utc"), row.doubleValue("price"), row.string("currency"), row.string("market"), row.doubleValue("exchange_rate"),
                row.string("status"), row.instant("updated_at"), row.integer("version"));
    }

    /** Of replayed files, those of the CET delivery days {@code first..last} by their names; a file whose name says no day is kept. */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> NordPoolFileName.parse(file.getFileName().toString())
                        .map(name -> !name.deliveryDay().isBefore(first) && !name.deliveryDay().isAfter(last))
                        .orElse(true))
                .toList();
    }

    /** Every JSON file is taken for {@code day_ahead_prices}, the connector's one report; other files by the default rule. */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        // A JSON file whose name says Nord Pool or a day's prices; not every .json (other markets' API answers are JSON too).
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        if (NordPoolFileName.parse(fileName).isPresent()
                || name.endsWith(".json") && (name.contains("nordpool") || name.contains("next_day_price") || name.contains("dayaheadprice"))) {
            return Optional.of(REPORTS.get(0));
        }
        return MarketConnector.super.reportOfFile(fileName);
    }
}
