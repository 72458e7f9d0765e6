package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.curate.DayCompleteness;
import io.energylakehouse.etl.publish.HubPrices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Checks that curated operating days are whole before they are published. Each day's partition of",
                "curated.market_prices must pass every declared check: rows (it holds rows), hours (every hour of the day in the",
                "market's time zone: 23 on a spring-forward day, 25 on a fall-back day, else 24) and published_locations (every",
                "location a published dataset averages, the trading hubs, holds every interval of the day: 276/288/300 five-minute,",
                "92/96/100 quarter-hour intervals), and the checks curated.market_prices declares (key_unique, not_null,",
                "allowed_values). Failed checks are recorded in curated.data_quality as day_<check>. Other locations missing",
                "intervals are named but do not fail the day. Prints a line per day and a summary (OK or FAILED); exits 2 when a day",
                "is not whole, so a scheduler stops before publishing."},
        footer = {"", "Examples:", "  bin/lakehouse check --market caiso --run-date 2024-03-10 --dataset da_hourly", "  bin/lakehouse check --market ercot --run-date 2024-11-03"})
final class CheckCommand
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

    @Option(names = "--dataset", arity = "1..*", paramLabel = "DATASET", description = "Datasets to check, e.g. da_hourly, rt_5min (default: every dataset of the market)")
    List<String> datasets = List.of();

    @Override
    public Integer call()
    {
        MarketConnector connector = days.connector();
        Market market = connector.market();
        List<LocalDate> dates = days.dates();
        if (connector.hubDatasets().isEmpty()) {
            // The checks are of curated.market_prices days; a publisher of no prices (the ECB) has none to check.
            System.out.printf("%s: nothing to check: the day checks cover curated.market_prices and its reports feed %s%n", market.code(),
                    String.join(", ", connector.reports().stream().map(report -> report.outputs().get(0).canonicalTable().identifier()).distinct().toList()));
            return 0;
        }
        List<String> known = connector.reports().stream().flatMap(report -> report.datasets().stream()).distinct().toList();
        List<String> selected = datasets.isEmpty() ? known : datasets;
        for (String dataset : selected) {
            if (!known.contains(dataset)) {
                throw LakehouseException.userError("Cannot check dataset '%s': %s has %s", dataset, market.code(), known);
            }
        }
        List<DayCompleteness.Result> results = new ArrayList<>();
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-check-" + Markets.typed(connector))) {
            DayCompleteness completeness = new DayCompleteness(lakehouse);
            for (String dataset : selected) {
                for (LocalDate date : dates) {
                    DayCompleteness.Result result = completeness.check(market.code(), dataset, date, market.time(), Set.of(connector.hubDatasets().orElseThrow().locationType()));
                    System.out.println(line(result));
                    for (DayCompleteness.Check check : result.checks()) {
                        if (!check.passed()) {
                            System.out.printf("  FAILED %s: %s%n", check.name(), check.detail());
                        }
                    }
                    if (result.otherShortLocations() > 0) {
                        System.out.printf("  note: %d other locations miss intervals %s (not in a published dataset; see curated.data_quality)%n",
                                result.otherShortLocations(), result.otherExamples());
                    }
                    results.add(result);
                }
            }
            completeness.record(results);
        }
        System.out.println(summary(results));
        DayCompleteness.requireComplete(results);
        return 0;
    }

    static String line(DayCompleteness.Result result)
    {
        return String.format("%s %s %s: %d of %d hours, %d locations%s %s", result.market(), result.dataset(), result.operatingDate(),
                result.hoursSeen(), result.expectedHours(), result.locations(),
                result.publishedShort().isEmpty() ? "" : ", published locations missing intervals " + result.publishedShort(),
                result.complete() ? "OK" : "FAILED");
    }

    /** {@code check: OK (2 days whole)} or {@code check: FAILED: 1 of 2 days not whole: CAISO da_hourly 2024-08-01 (published_locations)}. */
    static String summary(List<DayCompleteness.Result> results)
    {
        List<String> failed = results.stream().filter(result -> !result.complete())
                .map(result -> result.market() + " " + result.dataset() + " " + result.operatingDate() + " ("
                        + String.join(", ", result.checks().stream().filter(check -> !check.passed()).map(DayCompleteness.Check::name).toList()) + ")")
                .toList();
        if (failed.isEmpty()) {
            return "check: OK (" + results.size() + " days whole)";
        }
        return "check: FAILED: " + failed.size() + " of " + results.size() + " days not whole: " + String.join("; ", failed);
    }
}
