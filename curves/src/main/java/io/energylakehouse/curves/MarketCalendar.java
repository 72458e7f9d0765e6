package io.energylakehouse.curves;

import io.energylakehouse.common.calendar.PeakBlock;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.market.Markets;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A market's delivery calendar for forward products: its time zone and its on-peak block (see
 * {@link PeakBlock} for each market's definition). A calendar without a block trades base only.
 */
public record MarketCalendar(String market, ZoneId zone, Optional<PeakBlock> peakBlock)
{
    public static final MarketCalendar PJM = of(Markets.PJM);
    public static final MarketCalendar ERCOT = of(Markets.ERCOT);
    public static final MarketCalendar CAISO = of(Markets.CAISO);
    public static final MarketCalendar EEX = of(Markets.EEX);

    public MarketCalendar
    {
        requireNonNull(market, "market is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(peakBlock, "peakBlock is null");
    }

    /** A base-only calendar in a zone: peak and off-peak contracts are refused. */
    public static MarketCalendar baseOnly(ZoneId zone)
    {
        return new MarketCalendar(zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId(), zone, Optional.empty());
    }

    /** A registered market's calendar: its zone and peak block as {@link Markets} holds them. */
    public static MarketCalendar of(Market market)
    {
        return new MarketCalendar(market.code(), market.peakClock(), market.peakBlock());
    }

    /** The calendar of a market code of the registry ({@link Markets}), or of an exchange's area such as EEX-DE. */
    public static MarketCalendar forMarket(String market)
    {
        String code = market.trim().toUpperCase(Locale.ROOT);
        Market registered = Markets.requireWithArea(code);
        return new MarketCalendar(code, registered.peakClock(), registered.peakBlock());
    }

    /** The same calendar with another zone (the peak block is defined on local clock hours of that zone). */
    public MarketCalendar withZone(ZoneId newZone)
    {
        return new MarketCalendar(market, newZone, peakBlock);
    }

    /** Whether the hour starting at {@code hourStart} (in this calendar's zone) is on-peak. */
    public boolean isPeakHour(ZonedDateTime hourStart)
    {
        if (peakBlock.isEmpty()) {
            return false;
        }
        PeakBlock block = peakBlock.get();
        ZonedDateTime local = hourStart.withZoneSameInstant(zone);
        return block.isPeakDay(local.toLocalDate()) && block.isPeakClockHour(local.getHour() + 1);
    }

    public PeakBlock requirePeakBlock(Profile profile)
    {
        return peakBlock.orElseThrow(() -> new IllegalArgumentException("Cannot price a " + profile.label()
                + " contract in " + market + ": it has no peak calendar; name a market with --market (" + Markets.withPeakBlock() + ")"));
    }
}
