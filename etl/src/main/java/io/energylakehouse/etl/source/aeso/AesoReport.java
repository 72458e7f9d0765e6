package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The AESO reports we ingest: their names as users type them, at the AESO API gateway (path and the JSON key of the
 * report's list) and in the legacy ETS CSV reports, and the dataset each feeds.
 *
 * <p>The pool price is hourly ({@code rt_hourly}). The system marginal price (SMP) changes whenever dispatch sets a new
 * marginal offer, at any minute: AESO publishes it as irregular intervals with a start and an end. Curation makes it
 * {@code rt_smp_5min}: the time-weighted average SMP of each five-minute interval the published intervals cover
 * completely (see {@link AesoPayloadPrices}); the raw table keeps the intervals as published.
 */
public enum AesoReport
{
    POOL_PRICE("pool_price", "poolPrice", "hourly pool price", "poolprice-api/v1.1/price/poolPrice", "Pool Price Report",
            "HistoricalPoolPriceReportServlet", "rt_hourly", 60, 366),
    SYSTEM_MARGINAL_PRICE("system_marginal_price", "systemMarginalPrice", "system marginal price, time-weighted into five-minute intervals",
            "systemmarginalprice-api/v1.1/price/systemMarginalPrice", "System Marginal Price Report", "HistoricalSystemMarginalPriceReportServlet",
            "rt_smp_5min", 5, 183);

    private final String reportName;
    private final String requestName;
    private final String title;
    private final String apiPath;
    private final String jsonKey;
    private final String legacyServlet;
    private final String dataset;
    private final int intervalMinutes;
    private final int maxDaysPerRequest;

    AesoReport(String reportName, String requestName, String title, String apiPath, String jsonKey, String legacyServlet, String dataset, int intervalMinutes,
            int maxDaysPerRequest)
    {
        this.reportName = reportName;
        this.requestName = requestName;
        this.title = title;
        this.apiPath = apiPath;
        this.jsonKey = jsonKey;
        this.legacyServlet = legacyServlet;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.maxDaysPerRequest = maxDaysPerRequest;
    }

    /** Accepts {@code pool_price}, {@code poolPrice}, {@code system-marginal-price}, {@code systemMarginalPrice}, {@code smp}. */
    public static AesoReport fromName(String name)
    {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (normalized.equals("smp")) {
            return SYSTEM_MARGINAL_PRICE;
        }
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.requestName.toLowerCase(Locale.ROOT).equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use AESO report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(AesoReport::reportName).toList()));
    }

    public String reportName()
    {
        return reportName;
    }

    /** The report's name in the API's path, e.g. {@code poolPrice}: the request name of its payloads. */
    public String requestName()
    {
        return requestName;
    }

    public String title()
    {
        return title;
    }

    /** The path under the gateway's base URL, e.g. {@code poolprice-api/v1.1/price/poolPrice}. */
    public String apiPath()
    {
        return apiPath;
    }

    /** The key of the report's list in the API's JSON, e.g. {@code Pool Price Report} (with spaces). */
    public String jsonKey()
    {
        return jsonKey;
    }

    /** The legacy ETS servlet of the same report (CSV, hour ending), e.g. {@code HistoricalPoolPriceReportServlet}. */
    public String legacyServlet()
    {
        return legacyServlet;
    }

    public String dataset()
    {
        return dataset;
    }

    public int intervalMinutes()
    {
        return intervalMinutes;
    }

    /** The longest span the API returns in one call (pool price: one year; SMP: 4,392 hours, 183 days). */
    public int maxDaysPerRequest()
    {
        return maxDaysPerRequest;
    }

    public String rawTableName()
    {
        return "aeso_" + reportName;
    }

    /** Words a file name of the report may hold, lower case with {@code _} for {@code -}: its name, its API name, its legacy servlet's. */
    List<String> fileNameMarkers()
    {
        return this == POOL_PRICE ? List.of("pool_price", "poolprice", "historicalpoolpricereport")
                : List.of("system_marginal_price", "systemmarginalprice", "historicalsystemmarginalpricereport", "_smp_", "smp_");
    }
}
