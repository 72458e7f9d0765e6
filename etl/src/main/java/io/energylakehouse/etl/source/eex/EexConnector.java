package io.energylakehouse.etl.source.eex;

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

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * EEX's EU ETS primary auctions behind the connector SPI: the yearly Emission Spot Primary Market Auction Report
 * ({@code eua_primary_auction}), its parser, its curation step into {@code curated.spot_prices} (auction clearing
 * prices of market {@code EU-ETS}; no energy prices, so no hub tables and no {@code curated.market_prices} rows), the
 * live download of the yearly files and a synthetic sample generator.
 */
public final class EexConnector
        implements MarketConnector
{
    public static final MarketReport EUA_PRIMARY_AUCTION = new MarketReport(EexAuctions.REPORT_NAME,
            "EEX EU ETS primary auctions of emission allowances (EUA, EUAA): clearing price, volume, bids and bidders per auction; yearly "
                    + "Emission Spot Primary Market Auction Report", EexAuctions.SOURCE, EexAuctions.REQUEST_NAME, EexAuctions.RAW_TABLE,
            List.of(new ReportOutput(CanonicalTables.SPOT_PRICES, EexAuctions.DATASET, OptionalInt.empty())));

    private static final List<MarketReport> REPORTS = List.of(EUA_PRIMARY_AUCTION);

    @Override
    public Market market()
    {
        return Markets.EEX;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.empty();
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new EexAuctionParser(limits);
    }

    /** The auction report feeds {@code curated.spot_prices} only: no {@code curated.market_prices} rows. */
    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        return new CanonicalPrices(List.of(), List.of());
    }

    @Override
    public CanonicalRecords canonicalRecords(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<EexAuctionRecord> auctions = (List<EexAuctionRecord>) records;
        return EexAuctionPrices.canonicalRecords(auctions, publishedAtUtc, fetchId);
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return EexAuctionRecord.of(row);
    }

    @Override
    public List<String> settingKeys()
    {
        return io.energylakehouse.etl.http.HttpSettings.keys(EexLiveSource.PREFIX);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch EEX auctions of locations %s: the auction report has no locations; leave out --nodes", locations);
        }
        EexLiveSource source = EexLiveSource.of(settings);
        List<EexLiveSource.Request> requests = EexLiveSource.plan(first, last, Instant.now());
        return new LiveFetch(String.format("%d EEX yearly auction report downloads (%s), at least %s apart", requests.size(),
                source.settings().baseUrl(), source.settings().requestPause()), source.payloads(requests));
    }

    /** Synthetic yearly reports of the days; {@code locations} does not apply (an auction report has none) and is ignored. */
    /** A few weeks' auction days (common platform, Germany on Fridays, Poland on Wednesdays). */
    @Override
    public List<LocalDate> demoDates()
    {
        // Weekdays around the European clock changes: auctions run on business days only.
        return List.of(LocalDate.of(2024, 3, 26), LocalDate.of(2024, 3, 27), LocalDate.of(2024, 3, 28), LocalDate.of(2025, 10, 27),
                LocalDate.of(2025, 10, 29), LocalDate.of(2025, 10, 31));
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticEex(seed).write(folder, days));
    }

    /** Of replayed files, those of years (or auction days) overlapping {@code first..last} by their names; a file whose name is not EEX's is kept. */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> EexFileName.parse(file.getFileName().toString()).map(name -> name.overlaps(first, last)).orElse(true))
                .toList();
    }

    /** The report a file holds by EEX's names ({@code emission-spot-primary-market-auction-report-2019-data.xls}, {@code primary_auction_report_20230214_39969994.xlsx}). */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        return EexFileName.parse(fileName).map(name -> EUA_PRIMARY_AUCTION).or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
