package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.DayCompleteness;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.OasisReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Checks that curated operating days are whole before they are published: each day's partition of",
                "curated.market_prices must hold every hour of the day in the market's time zone (23 on a spring-forward day,",
                "25 on a fall-back day, else 24). Locations missing some intervals are counted and named. Exits 2 when a day is not whole."},
        footer = {"", "Example:", "  bin/lakehouse check --market caiso --run-date 2024-03-10 --dataset da_hourly"})
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

    @Option(names = "--dataset", arity = "1..*", paramLabel = "DATASET", description = "da_hourly and/or rt_5min (default: both)")
    List<String> datasets = List.of();

    @Override
    public Integer call()
    {
        List<LocalDate> dates = days.caisoDates();
        List<String> known = Arrays.stream(OasisReport.values()).map(OasisReport::dataset).toList();
        List<String> selected = datasets.isEmpty() ? known : datasets;
        for (String dataset : selected) {
            if (!known.contains(dataset)) {
                throw LakehouseException.userError("Cannot check dataset '%s': CAISO has %s", dataset, known);
            }
        }
        List<DayCompleteness.Result> results = new ArrayList<>();
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-check-caiso")) {
            DayCompleteness completeness = new DayCompleteness(lakehouse);
            for (String dataset : selected) {
                for (LocalDate date : dates) {
                    DayCompleteness.Result result = completeness.check(CaisoMarket.MARKET, dataset, date, CaisoMarket.TIME);
                    System.out.printf("%s %s %s: %d of %d hours, %d locations%s %s%n", result.market(), result.dataset(), result.operatingDate(),
                            result.hoursSeen(), result.expectedHours(), result.locations(),
                            result.incompleteLocations() == 0 ? "" : ", " + result.incompleteLocations() + " missing intervals " + result.examples(),
                            result.complete() ? "OK" : "NOT WHOLE");
                    results.add(result);
                }
            }
        }
        DayCompleteness.requireComplete(results);
        return 0;
    }
}
