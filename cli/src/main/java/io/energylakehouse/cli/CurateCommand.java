package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.RecordCurateResult;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.jobs.MarketPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.List;

@Command(name = "curate",
        mixinStandardHelpOptions = true,
        description = {"Curates operating days into curated.market_prices: one row per node and interval with the total and its components,",
                "exact UTC bounds, operating date and hour ending (23 or 25 on DST days), revisions; disagreeing duplicates to",
                "curated.quarantine; missing intervals and component mismatches to curated.data_quality.",
                "The run replaces exactly its (market, dataset, operating_date) partitions: reruns give the same rows."},
        footer = {"", "Examples:",
                "  bin/lakehouse curate --market caiso --run-date 2024-03-10",
                "  bin/lakehouse curate --market caiso --start 2024-03-09 --end 2024-03-11 --report prc_lmp",
                "  bin/lakehouse curate --market pjm --run-date 2024-11-03 --report rt_fivemin_hrl_lmps   (and the unverified feed)"})
final class CurateCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Mixin
    MarketDays days;

    @Option(names = "--report", arity = "1..*", paramLabel = "REPORT", description = "Reports whose datasets to curate, e.g. prc_lmp (CAISO), da_hrl_lmps (PJM), dam_spp (ERCOT), rt_lmp_final (MISO), realtime_zone (NYISO), rtbm_lmp_sl (SPP); default: all of the market's")
    List<String> reports = List.of();

    @Option(names = "--force", description = "Curate the days again even when their inputs did not change since their last curation (same rows, new snapshot)")
    boolean force;

    @Override
    public Integer call()
    {
        MarketConnector connector = days.connector();
        List<MarketReport> selected = Markets.reports(connector, reports);
        List<MarketReport> prices = selected.stream().filter(report -> report.outputs().get(0).canonicalTable().equals(CanonicalTables.MARKET_PRICES)).toList();
        List<MarketReport> records = selected.stream().filter(report -> !prices.contains(report)).toList();
        List<LocalDate> dates = days.dates();
        // The limit bounds a price curation's partitions; record tables (fx_rates, ...) are small and merged by key.
        if (!prices.isEmpty() && dates.size() > 366) {
            throw LakehouseException.userError("Cannot curate %d days in one run: split the range (at most 366 days)", dates.size());
        }
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-curate-" + Markets.typed(connector))) {
            MarketPipeline pipeline = new MarketPipeline(lakehouse, connector);
            java.util.Set<String> done = new java.util.HashSet<>();
            for (MarketReport report : records) {
                if (done.add(report.outputs().get(0).canonicalTable().identifier() + "|" + report.outputs().get(0).dataset())) {
                    print(pipeline.curateRecords(report, dates));
                }
            }
            for (CurateResult result : prices.isEmpty() ? List.<CurateResult>of() : pipeline.curate(prices, dates, force)) {
                System.out.printf("%s %s%s: %s rows for %d locations on %d days; intervals per day %s; %d quarantined; data-quality issues %s%n",
                        result.market(), result.dataset(), result.unchanged() ? " unchanged (nothing written)" : "", Console.count(result.rowsWritten()), result.locations(), result.operatingDates().size(),
                        result.intervalsPerDay(), result.quarantined(), result.dataQualityIssues());
            }
        }
        return 0;
    }

    /** One line for a curation into a table other than market_prices. */
    static void print(RecordCurateResult result)
    {
        System.out.printf("%s %s -> %s: %s rows on %s (%s written by this run%s, %s later revisions); %d refused to curated.quarantine (%d new)%n",
                result.market(), result.dataset(), result.table(), Console.count(result.rowsCurated()), describeDates(result.dates()),
                Console.count(result.rowsWritten()), result.rowsWritten() == 0 ? ": nothing changed, no snapshot" : "", Console.count(result.laterRevisions()),
                result.quarantined(), result.quarantinedNew());
    }

    /** {@code 2025-05-09}, or {@code 1999-01-04..2025-05-09 (6747 dates)}. */
    static String describeDates(List<LocalDate> dates)
    {
        if (dates.isEmpty()) {
            return "no dates";
        }
        List<LocalDate> sorted = dates.stream().sorted().toList();
        return sorted.size() == 1 ? sorted.get(0).toString() : sorted.get(0) + ".." + sorted.get(sorted.size() - 1) + " (" + sorted.size() + " dates)";
    }
}
