package io.energylakehouse.cli;

import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;

import java.util.List;
import java.util.Locale;

/** The connector of a {@code --market} and the reports of a {@code --report}: one-line user errors listing what there is. */
final class Markets
{
    /** For option descriptions. */
    static final String AVAILABLE = "caiso, pjm, ercot, miso, nyiso, spp, ieso, aeso, entsoe, nordpool, eex or ecb (bin/lakehouse markets lists them)";

    private Markets() {}

    static MarketConnector connector(String market)
    {
        return Connectors.require(market);
    }

    /** The named reports, or every report of the market when none is named. */
    static List<MarketReport> reports(MarketConnector connector, List<String> names)
    {
        return names.isEmpty() ? connector.reports() : names.stream().map(connector::report).distinct().toList();
    }

    /** {@code caiso}: the code as users type it. */
    static String typed(MarketConnector connector)
    {
        return connector.market().code().toLowerCase(Locale.ROOT);
    }
}
