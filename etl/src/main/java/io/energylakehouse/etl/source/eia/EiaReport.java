package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.table.TableSpec;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * EIA's reports the connector lands, with their API v2 route, frequency and the facet values asked for.
 *
 * <p>The storage series other than the Lower 48 ({@code NW2_EPG0_SWO_R48_BCF}, duoarea R48, process SWO: seen in public
 * code) follow EIA's naming {@code NW2_EPG0_SWO_<duoarea>_BCF} with the five regions of the Weekly Natural Gas Storage
 * Report since 2015 as duoareas R31 East, R32 Midwest, R33 Mountain, R34 Pacific and R35 South Central: these region
 * codes are from memory of the API, UNVERIFIED against EIA's facet listing ({@code GET /v2/natural-gas/stor/wkly/facet/duoarea}).
 */
public enum EiaReport
{
    HENRY_HUB_SPOT("henry_hub_spot", "RNGWHHD", "natural-gas/pri/fut", "daily", List.of("RNGWHHD"), Eia.HENRY_HUB_SPOT_RAW),
    STORAGE_WEEKLY("storage_weekly", "WNGSR", "natural-gas/stor/wkly", "weekly",
            EiaStorage.LOCATIONS.keySet().stream().map(EiaStorage::seriesId).toList(), Eia.STORAGE_WEEKLY_RAW);

    private final String reportName;
    private final String requestName;
    private final String route;
    private final String frequency;
    private final List<String> series;
    private final TableSpec rawTable;

    EiaReport(String reportName, String requestName, String route, String frequency, List<String> series, TableSpec rawTable)
    {
        this.reportName = requireNonNull(reportName, "reportName is null");
        this.requestName = requireNonNull(requestName, "requestName is null");
        this.route = requireNonNull(route, "route is null");
        this.frequency = requireNonNull(frequency, "frequency is null");
        this.series = List.copyOf(series);
        this.rawTable = requireNonNull(rawTable, "rawTable is null");
    }

    /** The name users type after {@code --report}; also the dataset its rows carry. */
    public String reportName()
    {
        return reportName;
    }

    /** The report's name at EIA, for the fetch log and request keys: the series RNGWHHD, the Weekly Natural Gas Storage Report WNGSR. */
    public String requestName()
    {
        return requestName;
    }

    /** The API v2 route, e.g. {@code natural-gas/pri/fut}. */
    public String route()
    {
        return route;
    }

    /** The API v2 frequency asked for: daily or weekly. */
    public String frequency()
    {
        return frequency;
    }

    /** The series ids asked for with {@code facets[series][]}. */
    public List<String> series()
    {
        return series;
    }

    public TableSpec rawTable()
    {
        return rawTable;
    }

    /** Whether a row's series belongs to this report: RNGWHHD/RNGWHHW (Henry Hub), working gas in storage {@code NW2_EPG0_SWO_*_BCF}. */
    public boolean holds(String seriesId)
    {
        return switch (this) {
            case HENRY_HUB_SPOT -> EiaSpotPrices.PRODUCTS.containsKey(seriesId);
            case STORAGE_WEEKLY -> seriesId.startsWith(EiaStorage.SERIES_PREFIX) && seriesId.endsWith(EiaStorage.SERIES_SUFFIX);
        };
    }
}
