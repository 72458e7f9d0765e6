package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The AEMO reports we ingest, as users name them, with the MMS Data Model tables ({@code I} rows' group and table,
 * e.g. {@code DISPATCH,PRICE}) each takes from its files; every other table a file holds is ignored on purpose and
 * counted in the log (the payload's bytes stay in the raw store).
 *
 * <ul>
 * <li>{@code dispatch_price}: DISPATCHPRICE (the monthly archive {@code PUBLIC_DVD_DISPATCHPRICE_*}, or the five-minute
 * {@code PUBLIC_DISPATCHIS_*} reports, which hold a dozen other tables).</li>
 * <li>{@code trading_price}: TRADINGPRICE ({@code PUBLIC_DVD_TRADINGPRICE_*}, {@code PUBLIC_TRADINGIS_*}).</li>
 * <li>{@code daily}: the {@code PUBLIC_DAILY_*} report, a multi-table file: its DISPATCHPRICE and TRADINGPRICE rows.</li>
 * <li>{@code price_thresholds}: MARKET_PRICE_THRESHOLDS, the market price cap (VoLL) and floor by effective date.</li>
 * </ul>
 */
public enum AemoReport
{
    DISPATCH_PRICE("dispatch_price", "DISPATCHPRICE", "five-minute regional reference and FCAS prices (DISPATCHPRICE)", Set.of(MmsTable.DISPATCH_PRICE)),
    TRADING_PRICE("trading_price", "TRADINGPRICE", "trading prices: 30-minute before 2021-10-01, five-minute since (TRADINGPRICE)",
            Set.of(MmsTable.TRADING_PRICE)),
    DAILY("daily", "DAILY", "the PUBLIC_DAILY multi-table report: its DISPATCHPRICE and TRADINGPRICE rows",
            Set.of(MmsTable.DISPATCH_PRICE, MmsTable.TRADING_PRICE)),
    PRICE_THRESHOLDS("price_thresholds", "MARKET_PRICE_THRESHOLDS", "market price cap (VoLL), floor and administered price threshold by effective date",
            Set.of(MmsTable.MARKET_PRICE_THRESHOLDS));

    private final String reportName;
    private final String requestName;
    private final String title;
    private final Set<MmsTable> tables;

    AemoReport(String reportName, String requestName, String title, Set<MmsTable> tables)
    {
        this.reportName = reportName;
        this.requestName = requestName;
        this.title = title;
        this.tables = tables;
    }

    /** Accepts {@code dispatch_price}, {@code dispatch-price}, {@code DISPATCHPRICE}, ... in any case. */
    public static AemoReport fromName(String name)
    {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.requestName.toLowerCase(Locale.ROOT).equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use AEMO report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(AemoReport::reportName).toList()));
    }

    public String reportName()
    {
        return reportName;
    }

    /** The MMS name of the report, the request name of its payloads: {@code DISPATCHPRICE}, {@code DAILY}. */
    public String requestName()
    {
        return requestName;
    }

    public String title()
    {
        return title;
    }

    /** The MMS tables the report curates; the other tables of its files are ignored, counted. */
    public Set<MmsTable> tables()
    {
        return tables;
    }

    public boolean holdsPrices()
    {
        return this != PRICE_THRESHOLDS;
    }

    public String rawTableName()
    {
        return "aemo_" + reportName;
    }

    /** Lower-case words of file names that hold the report: the archive's table name, the current reports' folder names. */
    List<String> fileNameMarkers()
    {
        return switch (this) {
            case DISPATCH_PRICE -> List.of("dispatchprice", "dispatch_price", "dispatchis");
            case TRADING_PRICE -> List.of("tradingprice", "trading_price", "tradingis");
            case DAILY -> List.of("public_daily", "aemo_daily");
            case PRICE_THRESHOLDS -> List.of("market_price_thresholds", "price_thresholds");
        };
    }
}
