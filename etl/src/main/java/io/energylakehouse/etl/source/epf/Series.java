package io.energylakehouse.etl.source.epf;

import java.util.Locale;

/**
 * The canonical series the files' columns map to: the price (to {@code curated.market_prices}) and the
 * fundamentals (to {@code curated.fundamentals}, named with their unit). A column no layout knows becomes
 * {@code exogenous_<column number>} with unit {@code unknown} (see {@link SeriesLayout}).
 */
public enum Series
{
    PRICE_PER_MWH(Kind.PRICE, false),
    LOAD_FORECAST_MW(Kind.FORECAST, true),
    LOAD_ACTUAL_MW(Kind.ACTUAL, true),
    GENERATION_FORECAST_MW(Kind.FORECAST, true),
    WIND_FORECAST_MW(Kind.FORECAST, false),
    WIND_ONSHORE_FORECAST_MW(Kind.FORECAST, false),
    WIND_OFFSHORE_FORECAST_MW(Kind.FORECAST, false),
    SOLAR_FORECAST_MW(Kind.FORECAST, false),
    WIND_SOLAR_FORECAST_MW(Kind.FORECAST, false);

    public enum Kind
    {
        /** The day-ahead price. */
        PRICE,
        /** Known before the day-ahead auction. */
        FORECAST,
        /** Measured after delivery: never a model input for the day it describes. */
        ACTUAL
    }

    /** Unit of every fundamentals series here. */
    public static final String MW = "MW";
    /** Unit of a column no layout knows. */
    public static final String UNKNOWN_UNIT = "unknown";

    private final Kind kind;
    private final boolean zeroMeansMissing;

    Series(Kind kind, boolean zeroMeansMissing)
    {
        this.kind = kind;
        this.zeroMeansMissing = zeroMeansMissing;
    }

    /** The name in the tables, e.g. {@code load_forecast_mw}. */
    public String code()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind()
    {
        return kind;
    }

    /**
     * True for an area's total load or generation: never 0 MW in reality, so a 0 in the file is a gap the
     * publisher filled with 0 (889 hours of deepforkit's DE_LU Load_DA, whole UTC days in 2018-10..12 and 2022); it is
     * curated as missing and the value quarantined.
     */
    public boolean zeroMeansMissing()
    {
        return zeroMeansMissing;
    }

    public String unit()
    {
        return kind == Kind.PRICE ? "currency/MWh" : MW;
    }
}
