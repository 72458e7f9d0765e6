package io.energylakehouse.cli;

import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.List;

/** The market and operating days a per-day job works on: {@code --market pjm --run-date D [--end D]}. */
final class MarketDays
{
    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "Market: " + Markets.AVAILABLE)
    String market;

    @Option(names = {"--start", "--run-date"}, required = true, paramLabel = "DATE", description = "First operating date")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last operating date (default: the start)")
    LocalDate end;

    /** The market's connector; an unknown market is a user error listing the available ones. */
    io.energylakehouse.etl.connector.MarketConnector connector()
    {
        return Markets.connector(market);
    }

    /** Every operating date from the start to the end. */
    List<LocalDate> dates()
    {
        return Dates.range(start, end);
    }
}
