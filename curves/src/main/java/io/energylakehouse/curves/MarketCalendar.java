package io.energylakehouse.curves;

import io.energylakehouse.common.calendar.PeakBlock;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A market's delivery calendar for forward products: its time zone and its on-peak block (see
 * {@link PeakBlock} for each market's definition). A calendar without a block trades base only.
 */
public record MarketCalendar(String market, ZoneId zone, Optional<PeakBlock> peakBlock)
{
    public static final MarketCalendar PJM = new MarketCalendar("PJM", ZoneId.of("America/New_York"), Optional.of(PeakBlock.EASTERN_5X16));
    public static final MarketCalendar ERCOT = new MarketCalendar("ERCOT", ZoneId.of("America/Chicago"), Optional.of(PeakBlock.ERCOT_5X16));
    public static final MarketCalendar CAISO = new MarketCalendar("CAISO", ZoneId.of("America/Los_Angeles"), Optional.of(PeakBlock.WECC_6X16));
    public static final MarketCalendar EEX = new MarketCalendar("EEX", ZoneId.of("Europe/Berlin"), Optional.of(PeakBlock.EEX_PEAK));

    private static final List<MarketCalendar> KNOWN = List.of(PJM, ERCOT, CAISO, EEX);

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

    /** The calendar of a market code (PJM, ERCOT, CAISO, EEX, or an EEX area such as EEX-DE). */
    public static MarketCalendar forMarket(String market)
    {
        String code = market.trim().toUpperCase(Locale.ROOT);
        for (MarketCalendar calendar : KNOWN) {
            if (code.equals(calendar.market) || code.startsWith(calendar.market + "-")) {
                return new MarketCalendar(code, calendar.zone, calendar.peakBlock);
            }
        }
        throw new IllegalArgumentException("Cannot find the forward calendar of market '" + market + "': known are PJM, ERCOT, CAISO, EEX (and EEX-<area>)");
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
                + " contract in " + market + ": it has no peak calendar; name a market with --market (PJM, ERCOT, CAISO, EEX)"));
    }
}
