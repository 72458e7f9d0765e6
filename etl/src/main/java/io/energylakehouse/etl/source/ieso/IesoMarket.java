package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.time.LocalDate;

/**
 * IESO (Ontario) as a market: its code, clock, currency, the location id of the Ontario zonal price and the day market
 * renewal went live.
 *
 * <p>IESO publishes every report in Eastern Standard Time all year (UTC-5, no daylight saving): every operating day has
 * hours ending 1..24, none repeated or missing, including the days America/Toronto changes its clocks. Never use
 * America/Toronto here.
 */
public final class IesoMarket
{
    private IesoMarket() {}

    public static final String MARKET = Markets.IESO.code();
    public static final String SOURCE = "ieso-public-reports";
    public static final String CURRENCY = Markets.IESO.currency();
    /** Fixed EST (UTC-5): the registry entry's clock. */
    public static final MarketTime TIME = Markets.IESO.time();

    /** The location id of the Ontario zonal price (market renewal) and of HOEP (before): one province-wide price. */
    public static final String ONTARIO = "ONTARIO";
    public static final String ONTARIO_NAME = "Ontario";
    public static final String ZONE = "zone";
    public static final String NODE = "node";

    /**
     * The first operating day of the renewed market: LMPs and the Ontario zonal price from this day, HOEP before it
     * (IESO retired HOEP and the market clearing price on 2025-05-01).
     */
    public static final LocalDate MARKET_RENEWAL = LocalDate.of(2025, 5, 1);

    /** The XML namespace of IESO's public reports. */
    public static final String XML_NAMESPACE = "http://www.ieso.ca/schema";
    /**
     * The namespace of the IMO-era automated documents ({@code IMODocument}, e.g. the XML HOEP report), still served
     * beside the current one with the same structure (IESO's IMODocument_r1.xsd).
     */
    public static final String LEGACY_XML_NAMESPACE = "http://www.theIMO.com/schema";
    public static final java.util.List<String> XML_NAMESPACES = java.util.List.of(XML_NAMESPACE, LEGACY_XML_NAMESPACE);

    /** IESO's price components are published to 2 decimals (LMPs to 2, sometimes more): |total - components| tolerated. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.01;
}
