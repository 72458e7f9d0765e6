package io.energylakehouse.etl.source.eia;

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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The U.S. Energy Information Administration behind the connector SPI: the Henry Hub natural gas spot price
 * ({@code henry_hub_spot}, series RNGWHHD, into {@code curated.spot_prices} as market {@code HENRY-HUB}) and the weekly
 * working gas in storage ({@code storage_weekly}, Lower 48 and regions, into {@code curated.fundamentals} as market
 * {@code EIA}, series {@code storage_bcf}), the parser of API v2 JSON pages and of the normalized Henry Hub history CSV,
 * the live API v2 client and a synthetic sample generator. EIA publishes no power prices: no hub tables and no
 * {@code curated.market_prices} rows.
 */
public final class EiaConnector
        implements MarketConnector
{
    public static final MarketReport HENRY_HUB_SPOT = new MarketReport(EiaReport.HENRY_HUB_SPOT.reportName(),
            "EIA Henry Hub natural gas spot price (RNGWHHD, daily, USD/MMBtu) from API v2 natural-gas/pri/fut, or the dnav history export "
                    + "(Date,Price; Week Ending,Price for the weekly average RNGWHHW)", Eia.SOURCE, EiaReport.HENRY_HUB_SPOT.requestName(),
            EiaReport.HENRY_HUB_SPOT.rawTable(),
            List.of(new ReportOutput(CanonicalTables.SPOT_PRICES, EiaReport.HENRY_HUB_SPOT.reportName(), OptionalInt.empty())));
    public static final MarketReport STORAGE_WEEKLY = new MarketReport(EiaReport.STORAGE_WEEKLY.reportName(),
            "EIA weekly working gas in underground storage (Weekly Natural Gas Storage Report: Lower 48 and regions, Bcf, week ending Friday, "
                    + "released Thursday 10:30 ET) from API v2 natural-gas/stor/wkly", Eia.SOURCE, EiaReport.STORAGE_WEEKLY.requestName(),
            EiaReport.STORAGE_WEEKLY.rawTable(),
            List.of(new ReportOutput(CanonicalTables.FUNDAMENTALS, EiaReport.STORAGE_WEEKLY.reportName(), OptionalInt.empty())));

    private static final List<MarketReport> REPORTS = List.of(HENRY_HUB_SPOT, STORAGE_WEEKLY);

    /**
     * The demo's days, every one a spot trade day: the Fridays 2024-03-01, 2024-03-08 and 2024-11-01 (storage weeks; the
     * releases of Thursdays 2024-03-07 and 2024-03-14 fall in the weeks) and the Mondays after the North American clock
     * changes, 2024-03-11 and 2024-11-04, whose storage weeks end 2024-03-15 and 2024-11-08. The samples hold the storage
     * weeks ending 2024-03-01, 03-08, 03-15, 11-01 and 11-08, each release revising the week before where that week has one.
     */
    public static final List<LocalDate> DEMO_DATES = List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 11),
            LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 4));

    @Override
    public Market market()
    {
        return Markets.EIA;
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
        return new EiaParser(eiaReport(report), limits);
    }

    /** Neither report feeds {@code curated.market_prices}. */
    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        return new CanonicalPrices(List.of(), List.of());
    }

    @Override
    public CanonicalRecords canonicalRecords(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<EiaValueRecord> values = (List<EiaValueRecord>) records;
        return switch (eiaReport(report)) {
            case HENRY_HUB_SPOT -> EiaSpotPrices.canonicalRecords(values, publishedAtUtc, fetchId);
            case STORAGE_WEEKLY -> EiaStorage.canonicalRecords(values, publishedAtUtc, fetchId);
        };
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return EiaValueRecord.of(row);
    }

    @Override
    public List<String> settingKeys()
    {
        return io.energylakehouse.etl.http.HttpSettings.keys(EiaLiveSource.PREFIX);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch EIA data of locations %s: a request asks for every storage location (%s) and Henry Hub; "
                    + "leave out --nodes", locations, String.join(", ", EiaStorage.LOCATIONS.keySet()));
        }
        List<EiaReport> wanted = (reports.isEmpty() ? REPORTS : reports).stream().map(EiaConnector::eiaReport).toList();
        EiaLiveSource source = EiaLiveSource.of(settings);
        List<EiaLiveSource.Request> requests = EiaLiveSource.plan(wanted, first, last, Instant.now());
        return new LiveFetch(String.format("%d EIA API v2 requests (%s, pages of %d rows), at least %s apart", requests.size(), source.settings().baseUrl(),
                EiaLiveSource.PAGE_LENGTH, source.settings().requestPause()), source.payloads(requests));
    }

    @Override
    public List<LocalDate> demoDates()
    {
        return DEMO_DATES;
    }

    /** Synthetic API v2 pages of the days; {@code locations} does not apply (every storage location is written) and is ignored. */
    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticEia(seed).write(folder, days));
    }

    /**
     * By EIA's and the history's names too: {@code henry_hub_daily_normalized.csv}, {@code rngwhhd...}, {@code eia_...storage...},
     * {@code wngsr...}; a bare {@code storage} is left to other markets.
     */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        Optional<MarketReport> named = MarketConnector.super.reportOfFile(fileName);
        if (named.isPresent()) {
            return named;
        }
        String name = fileName.toLowerCase(Locale.ROOT).replace('-', '_');
        if (name.contains("henry_hub") || name.contains("rngwhh")) {
            return Optional.of(HENRY_HUB_SPOT);
        }
        if (name.startsWith("eia_") && name.contains("storage") || name.contains("wngsr") || name.contains("nw2_epg0_swo")) {
            return Optional.of(STORAGE_WEEKLY);
        }
        return Optional.empty();
    }

    static EiaReport eiaReport(MarketReport report)
    {
        for (EiaReport candidate : EiaReport.values()) {
            if (candidate.reportName().equals(report.name())) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Cannot use report " + report.name() + " with the EIA connector: its reports are henry_hub_spot, storage_weekly");
    }
}
