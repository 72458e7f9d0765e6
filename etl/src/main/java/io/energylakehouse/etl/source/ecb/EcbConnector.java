package io.energylakehouse.etl.source.ecb;

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
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ECB's euro foreign exchange reference rates behind the connector SPI: one report, {@code eurofxref} (the history
 * file, the daily CSV and the daily XML, told apart by content), feeding {@code curated.fx_rates} through
 * {@link #canonicalRecords}. It publishes no energy prices: no hub datasets, and {@link #canonical} makes no price rows.
 */
public final class EcbConnector
        implements MarketConnector
{
    /** Rates are one per business day: no interval length applies. */
    public static final MarketReport EUROFXREF = new MarketReport(EcbRates.REPORT,
            "ECB euro foreign exchange reference rates (eurofxref-hist.csv/.zip, eurofxref.csv/.zip, eurofxref-daily.xml)", EcbRates.SOURCE, EcbRates.REPORT,
            EcbTables.RAW_EUROFXREF, List.of(new ReportOutput(CanonicalTables.FX_RATES, EcbRates.REPORT, OptionalInt.empty())));

    @Override
    public Market market()
    {
        return Markets.ECB;
    }

    @Override
    public List<MarketReport> reports()
    {
        return List.of(EUROFXREF);
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new EcbRateParser(limits);
    }

    /** The ECB publishes no prices: no rows for {@code curated.market_prices}. */
    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        return new CanonicalPrices(List.of(), List.of());
    }

    @Override
    public CanonicalRecords canonicalRecords(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<EcbRateRecord> rates = (List<EcbRateRecord>) records;
        return EcbFxRates.canonicalRecords(rates, fetchId);
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        return new EcbRateRecord(row.string("member"), row.integer("line_number"), row.date("rate_date"), row.string("currency"), row.string("rate_text"));
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch ECB currencies %s alone: the ECB's files hold every currency; leave out --nodes", locations);
        }
        HttpSettings http = EcbLiveSource.settings(settings);
        List<EcbLiveSource.Request> requests = EcbLiveSource.plan(first, LocalDate.now(EcbRates.TIME.zone()));
        return new LiveFetch(String.format("%s from the ECB (it holds %s)", requests.get(0).fileName(),
                requests.get(0).fileName().equals(EcbLiveSource.HISTORY_ZIP) ? "every business day since 1999" : "the latest business day"),
                EcbLiveSource.payloads(EcbLiveSource.client(http), requests));
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.empty();
    }

    /** A synthetic history file of the days' business days; {@code locations} is the number of currencies. */
    /** The rates of every demo day of every market (March 2024 to March 2026), so the demo converts every published price. */
    @Override
    public List<LocalDate> demoDates()
    {
        // Every day from before the first market's demo day to after the last: weekends and holidays take Friday's rate.
        return LocalDate.of(2024, 3, 1).datesUntil(LocalDate.of(2026, 4, 1)).toList();
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticEcb(seed).write(folder, days, locations));
    }
}
