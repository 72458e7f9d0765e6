package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * JEPX as a market: its code, clock and currency, the one dataset its day-ahead spot auction feeds, and the time of its
 * 48 half-hour slots. Japan keeps Japan Standard Time all year (UTC+9, no DST), so every day has exactly 48 slots: slot
 * {@code n} covers {@code [(n-1)*30, n*30)} minutes of the day, local, and starts at the day's 00:00 JST minus nine
 * hours plus {@code (n-1)*30} minutes in UTC.
 */
public final class JepxMarket
{
    private JepxMarket() {}

    public static final String MARKET = Markets.JEPX.code();
    /** The source of its payloads in {@code raw.fetch_log}: the files of the JEPX website. */
    public static final String SOURCE = "jepx-web";
    public static final String CURRENCY = Markets.JEPX.currency();
    /** Asia/Tokyo, which has kept UTC+9 without DST since 1951. */
    public static final MarketTime TIME = Markets.JEPX.time();
    /** Japan Standard Time: the slots are computed with this fixed offset, never with a zone's rules. */
    public static final ZoneOffset JST = ZoneOffset.ofHours(9);
    public static final String DATASET = "da_30min";
    public static final int INTERVAL_MINUTES = 30;
    public static final int SLOTS_PER_DAY = 48;
    /**
     * JEPX's files are Shift_JIS, read as {@code windows-31j} (MS932, Microsoft's superset with the characters Japanese
     * Windows writes): in it line-break bytes never occur inside a two-byte character (trail bytes are 0x40..0xFC).
     */
    public static final java.nio.charset.Charset CHARSET = java.nio.charset.Charset.forName("windows-31j");

    /** The UTC start of slot {@code slot} (1..48) of the JST day {@code date}. */
    public static Instant slotStartUtc(LocalDate date, int slot)
    {
        if (slot < 1 || slot > SLOTS_PER_DAY) {
            throw new IllegalArgumentException("Cannot place JEPX slot " + slot + " of " + date + ": a day has slots 1.." + SLOTS_PER_DAY);
        }
        return date.atStartOfDay().toInstant(JST).plusSeconds((slot - 1) * INTERVAL_MINUTES * 60L);
    }
}
