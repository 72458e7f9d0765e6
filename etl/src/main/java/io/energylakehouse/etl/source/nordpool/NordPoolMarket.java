package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Nord Pool as a market: its code, clock, base currency and the day its day-ahead auction went quarter-hourly.
 *
 * <p>The delivery day of every Nord Pool area, the Baltic and Finnish ones included, is the CET/CEST day: a delivery day
 * starts at 00:00 CET (22:00 or 23:00 UTC the day before), not at midnight in Helsinki, Tallinn, Riga or Vilnius (EET,
 * an hour earlier). So {@code operating_date} and {@code hour_ending} of every area are counted on the registry's clock
 * for Nord Pool ({@code Europe/Oslo}, which keeps CET/CEST with the EU's switch dates), and equal the payload's
 * {@code deliveryDateCET}; an FI row's hour ending 1 is 01:00-02:00 in Helsinki.
 */
public final class NordPoolMarket
{
    private NordPoolMarket() {}

    public static final String MARKET = Markets.NORDPOOL.code();
    /** The source code of data-portal payloads in raw.fetch_log. */
    public static final String SOURCE = "nordpool-dataportal";
    /** The currency every price is cleared in; other currencies are conversions at Nord Pool's own rate. */
    public static final String BASE_CURRENCY = Markets.NORDPOOL.currency();
    /** Delivery days are CET/CEST days (the registry's {@code Europe/Oslo}: the same offsets and switch instants as CET). */
    public static final MarketTime TIME = Markets.NORDPOOL.time();
    /** Canonical location type of a delivery area (the system price SYS included). */
    public static final String LOCATION_TYPE = "area";
    /** First delivery day of the 15-minute day-ahead products (SDAC go-live); hourly products before. */
    public static final LocalDate QUARTER_HOURLY_SINCE = LocalDate.of(2025, 10, 1);
    /**
     * When Nord Pool publishes a delivery day's prices: about 12:45-13:00 CET the day before (third-party notes say
     * "around 13:00 CET"; the exact time is not published as a rule). Live requests for a day are planned from then on.
     */
    public static final LocalTime PUBLICATION_TIME_CET = LocalTime.of(13, 0);

    /** The product length of a delivery day under the market rules: 60 minutes before 2025-10-01, 15 from then. */
    public static int intervalMinutes(LocalDate deliveryDay)
    {
        return deliveryDay.isBefore(QUARTER_HOURLY_SINCE) ? 60 : 15;
    }

    /** When a delivery day's prices are expected: {@link #PUBLICATION_TIME_CET} on the day before, CET. */
    public static Instant expectedPublication(LocalDate deliveryDay)
    {
        return deliveryDay.minusDays(1).atTime(PUBLICATION_TIME_CET).atZone(TIME.zone()).toInstant();
    }

    /** The delivery day's length in hours on the CET clock: 23, 24 or 25. */
    public static Duration dayLength(LocalDate deliveryDay)
    {
        return Duration.between(TIME.dayStart(deliveryDay), TIME.dayEnd(deliveryDay));
    }
}
