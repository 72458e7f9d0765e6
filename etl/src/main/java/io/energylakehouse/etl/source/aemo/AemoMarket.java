package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/**
 * AEMO's National Electricity Market (NEM) as a market: its code, currency, clock and the five regions whose reference
 * prices it publishes. NEM time is AEST, UTC+10 all year (no DST, although four of the regions keep DST locally): every
 * MMS date ({@code SETTLEMENTDATE}, {@code LASTCHANGED}) is read at that fixed offset.
 */
public final class AemoMarket
{
    private AemoMarket() {}

    public static final String MARKET = Markets.AEMO.code();
    public static final String SOURCE = "aemo-nemweb";
    public static final String CURRENCY = Markets.AEMO.currency();
    /** Australia/Brisbane: UTC+10 all year, the NEM's clock. */
    public static final MarketTime TIME = Markets.AEMO.time();
    public static final ZoneOffset NEM_OFFSET = ZoneOffset.ofHours(10);
    public static final String LOCATION_TYPE = "region";
    /** The NEM's regions, whose regional reference prices (RRP) are the published main locations. */
    public static final List<String> REGIONS = List.of("NSW1", "QLD1", "SA1", "TAS1", "VIC1");

    /** MMS dates: {@code 2018/04/01 00:05:00}, quoted or not (the quotes are gone once the CSV line is split). */
    public static final DateTimeFormatter MMS_DATE_TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** The instant of an MMS date in NEM time. */
    public static java.time.Instant instant(LocalDateTime nemTime)
    {
        return nemTime.toInstant(NEM_OFFSET);
    }

    /** An instant as an MMS date in NEM time, as AEMO writes it. */
    public static String mmsDateTime(java.time.Instant instant)
    {
        return MMS_DATE_TIME.format(LocalDateTime.ofInstant(instant, NEM_OFFSET));
    }
}
