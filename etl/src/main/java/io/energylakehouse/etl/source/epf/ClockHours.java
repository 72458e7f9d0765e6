package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.time.MarketTime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Local clock hours as the files write them, mapped to real intervals: the line of local date d and clock hour
 * h is the interval starting at local h:00 in the dataset's zone. A clock hour the zone skips (spring forward)
 * is no interval at all; a clock hour the zone repeats (fall back) is two intervals, of which a single line can
 * only be the first (the summer-time one). Pure Java; curation turns a range of days into a lookup table.
 */
public final class ClockHours
{
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private ClockHours() {}

    public enum Kind
    {
        /** The clock hour happens once. */
        REGULAR,
        /** The clock hour does not happen: the clocks jump over it. */
        NONEXISTENT,
        /** The clock hour happens twice: the clocks go back over it. */
        REPEATED
    }

    /**
     * @param intervalStartUtc the start of the (first) interval of the clock hour; empty for a nonexistent one
     * @param hourEnding the market's hour ending of that interval (elapsed hours since local midnight, plus one); 0 when nonexistent
     * @param transition what the clocks do around a nonexistent or repeated hour, e.g. {@code clocks jump from 02:00 to 03:00}; empty otherwise
     */
    public record ClockHour(LocalDate localDate, int hour, Kind kind, Optional<Instant> intervalStartUtc, int hourEnding, Optional<String> transition)
    {
        public ClockHour
        {
            requireNonNull(localDate, "localDate is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(intervalStartUtc, "intervalStartUtc is null");
            requireNonNull(transition, "transition is null");
            if (intervalStartUtc.isEmpty() != (kind == Kind.NONEXISTENT)) {
                throw new IllegalArgumentException("a clock hour has an interval unless it is nonexistent: " + kind + " " + intervalStartUtc);
            }
        }
    }

    public static ClockHour of(ZoneId zone, LocalDate date, int hour)
    {
        LocalDateTime local = date.atTime(hour, 0);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (offsets.isEmpty()) {
            return new ClockHour(date, hour, Kind.NONEXISTENT, Optional.empty(), 0, Optional.of(String.format("clocks jump from %s to %s",
                    transition.getDateTimeBefore().format(CLOCK), transition.getDateTimeAfter().format(CLOCK))));
        }
        Instant start = local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
        int hourEnding = new MarketTime(zone).hourEnding(start);
        if (offsets.size() > 1) {
            return new ClockHour(date, hour, Kind.REPEATED, Optional.of(start), hourEnding, Optional.of(String.format("clocks go back from %s to %s",
                    transition.getDateTimeBefore().format(CLOCK), transition.getDateTimeAfter().format(CLOCK))));
        }
        return new ClockHour(date, hour, Kind.REGULAR, Optional.of(start), hourEnding, Optional.empty());
    }

    /** The 24 clock hours of a local day. */
    public static List<ClockHour> day(ZoneId zone, LocalDate date)
    {
        List<ClockHour> hours = new ArrayList<>(24);
        for (int hour = 0; hour < 24; hour++) {
            hours.add(of(zone, date, hour));
        }
        return hours;
    }
}
