package io.energylakehouse.etl.connector;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.curate.LocationAttributes;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import io.energylakehouse.common.config.Settings;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a market brings to the lakehouse, in one package of its own: its registry entry, its reports, the parser of
 * their payloads, and the one market-specific curation step (raw records of one payload to canonical rows plus the
 * records it refuses, with reasons). Everything else (landing, revisions, quarantine, data-quality checks, publishing)
 * is shared and the same for every market. {@link Connectors} looks connectors up by market code.
 */
public interface MarketConnector
{
    Market market();

    List<MarketReport> reports();

    /** A parser of the report's payloads: pure Java, never throws on bad input (it rejects). */
    PayloadParser parser(MarketReport report, PayloadLimits limits);

    /**
     * The market-specific curation step for one payload: its parsed records (of {@link #parser}) to canonical rows and
     * refused records. Pure Java; {@code publishedAtUtc} and {@code fetchId} are the payload's, for every row.
     */
    CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId);

    /**
     * The curation step of a report whose output is a canonical table other than {@code curated.market_prices}
     * ({@code curated.fx_rates}, {@code curated.spot_prices}, {@code curated.fundamentals}: see its {@link MarketReport#outputs}):
     * one payload's parsed records to rows of that table (revision null) and refused records. Pure Java, like
     * {@link #canonical}; a connector whose reports all feed {@code curated.market_prices} keeps the default, which refuses.
     */
    default CanonicalRecords canonicalRecords(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        throw new UnsupportedOperationException("Cannot curate " + market().code() + " report " + report.name() + " into "
                + report.outputs().get(0).canonicalTable().identifier() + ": the connector curates only curated.market_prices");
    }

    /**
     * The record a row of the report's raw table holds: the inverse of {@link RawRecord#toRow}, so that curation can give
     * {@link #canonical} the records of a payload as its parser made them, whether it reads them on the driver or in
     * Spark tasks. Pure Java.
     */
    RawRecord record(MarketReport report, RawFields row);

    /**
     * What a raw record of the report says of its location beyond the prices (name, the operator's type code, zone),
     * for {@code curated.locations}; called by curation on the records it already holds, so it must be cheap. Pure
     * Java. Empty by default: the master then holds the id, type, validity and datasets alone.
     */
    default Optional<LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        return Optional.empty();
    }

    /**
     * Plans the live requests for the reports' operating days {@code first..last} (all locations when {@code locations}
     * is empty) under the connector's settings ({@code etl.<market>.*}, credentials from the environment), and fetches
     * them lazily through the shared paced HTTP client.
     */
    LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings);

    /** The settings its live client reads, for the configuration's list of known keys. */
    default List<String> settingKeys()
    {
        return io.energylakehouse.etl.http.HttpSettings.keys(io.energylakehouse.etl.http.HttpSettings.prefix(market().code().toLowerCase(Locale.ROOT)));
    }

    /** The live client's effective settings, one line for {@code bin/lakehouse config} (never credentials). */
    default String settingsSummary(Settings settings)
    {
        return market().code() + " live: " + String.join(", ", settingKeys().stream().map(key -> key + "=" + settings.value(key).orElse("(default)")).toList());
    }

    /**
     * Of replayed files, those a replay of the days {@code first..last} and reports (all when empty) needs, judged by
     * their names; files whose names say nothing of either are kept (landing reads what they hold). By default the
     * report a name says is checked and every date kept.
     */
    default List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return files.stream()
                .filter(file -> reports.isEmpty() || reportOfFile(file.getFileName().toString()).map(reports::contains).orElse(true))
                .toList();
    }

    /**
     * The day-ahead and real-time datasets its published hub tables are made of; empty for a publisher with no energy
     * prices (the ECB's rates, EEX's auctions), which publishes no hub tables.
     */
    Optional<HubDatasets> hubDatasets();

    /**
     * Writes labelled synthetic files in the operator's exact format (for the demo, the bench and replays without
     * internet) for the days and about {@code locations} locations, the main hubs among them, beside a README saying
     * they are synthetic; the same arguments give the same bytes. Empty for a connector without a generator.
     */
    default Optional<SampleWriter> samples()
    {
        return Optional.empty();
    }

    /**
     * The days the demo generates samples for when the user names none: around the market's clock changes (North America's
     * by default; Europe's for the European markets), or the days a reference series needs to cover every market's.
     */
    default List<LocalDate> demoDates()
    {
        return SampleFiles.NORTH_AMERICAN_DST_WEEKENDS;
    }

    /**
     * The prices this market publishes that another source publishes too, for the data-quality check comparing them
     * ({@link io.energylakehouse.etl.curate.CrossSourcePrices}): run after either market's curation. None by default.
     */
    default List<io.energylakehouse.etl.curate.CrossSourcePrices.Pairing> crossSourceChecks()
    {
        return List.of();
    }

    /** A connector's sample generator. */
    @FunctionalInterface
    interface SampleWriter
    {
        List<java.nio.file.Path> write(java.nio.file.Path folder, List<java.time.LocalDate> days, int locations, long seed);
    }

    /**
     * The report a file holds by its name, where the name says: by default the report whose name or operator name the
     * file name contains (the longest such, so {@code rt_fivemin_hrl_lmps} is not taken for {@code rt_hrl_lmps}).
     */
    default Optional<MarketReport> reportOfFile(String fileName)
    {
        String name = fileName.toLowerCase(Locale.ROOT).replace('-', '_');
        MarketReport best = null;
        int bestLength = 0;
        for (MarketReport report : reports()) {
            for (String candidate : List.of(report.name(), report.requestName().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                if (candidate.length() > bestLength && name.contains(candidate)) {
                    best = report;
                    bestLength = candidate.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The report of a name in any case, with {@code -} for {@code _}; a user error lists the market's reports. */
    default MarketReport report(String name)
    {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return reports().stream().filter(report -> report.name().equals(wanted)).findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use %s report '%s': known reports are %s", market().code(), name,
                        String.join(", ", reports().stream().map(MarketReport::name).toList())));
    }
}
