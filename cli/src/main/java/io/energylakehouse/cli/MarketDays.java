package io.energylakehouse.cli;

import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.List;

/** The market and operating days a per-day job works on: {@code --market caiso --run-date D [--end D]}. */
final class MarketDays
{
    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "available: caiso")
    String market;

    @Option(names = {"--start", "--run-date"}, required = true, paramLabel = "DATE", description = "First operating date")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last operating date (default: the start)")
    LocalDate end;

    /** Every operating date from the start to the end, after checking the market. */
    List<LocalDate> caisoDates()
    {
        Markets.requireCaiso(market);
        return Dates.range(start, end);
    }
}
