package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

/**
 * AESO as a market: its code, clock and currency, and the one location it prices. Alberta has a single real-time
 * energy-only pool: every price is the province-wide system price, so every canonical row has the location
 * {@link #LOCATION_ID} of type {@link #LOCATION_TYPE}.
 */
public final class AesoMarket
{
    private AesoMarket() {}

    public static final String MARKET = Markets.AESO.code();
    public static final String SOURCE = "aeso-api";
    public static final String CURRENCY = Markets.AESO.currency();
    /** Operating days and hours ending are Mountain prevailing time (America/Edmonton), with DST. */
    public static final MarketTime TIME = Markets.AESO.time();
    /** The Alberta system price: the pool price and the system marginal price are province-wide. */
    public static final String LOCATION_ID = "ALBERTA";
    public static final String LOCATION_TYPE = "system";
}
