package io.energylakehouse.etl.source.aeso;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Optional;

/**
 * AESO's ways of writing a time, read into instants.
 *
 * <p>The API: {@code begin_datetime_utc} like {@code 2024-11-03 08:00} (UTC; the instant used) and
 * {@code begin_datetime_mpt} the same time on Mountain prevailing time's clock (only checked against it, since it
 * repeats on the fall-back day).
 *
 * <p>The legacy ETS reports: {@code Date (HE)} like {@code 11/03/2024 02}, the hour ending 1..24 of the wall clock, so
 * hour ending {@code h} is the wall hour from {@code h-1}:00 to {@code h}:00 (hour ending 24 ends at the next midnight).
 * On the fall-back day the wall hour 01:00-02:00 happens twice: its first pass is {@code 02}, its second {@code 02*}.
 * On the spring-forward day the wall hour 02:00-03:00 does not exist, so hour ending {@code 03} does not either and
 * the day has 23 rows. (Which label AESO leaves out on the spring-forward day is not verified against a real file: a
 * row naming a wall hour that does not exist is rejected with that reason, never moved.)
 */
public final class AesoTime
{
    private AesoTime() {}

    private static final ZoneRules RULES = AesoMarket.TIME.zone().getRules();
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSS]", Locale.ROOT);
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter LEGACY_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.ROOT);

    /** A time of the API ({@code 2024-11-03 08:00}, also with seconds or ISO's {@code T} and {@code Z}) on its own clock. */
    public static LocalDateTime apiTime(String value)
    {
        String text = value.strip().replace('T', ' ');
        if (text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            return LocalDateTime.parse(text, API_TIME);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a time like 2024-11-03 08:00");
        }
    }

    public static Instant apiUtc(String value)
    {
        return apiTime(value).toInstant(ZoneOffset.UTC);
    }

    /** Why {@code mpt} is not the instant on Mountain prevailing time's clock, or empty when it is. */
    public static Optional<String> mountainMismatch(String field, String mpt, Instant instant)
    {
        LocalDateTime wall = apiTime(mpt);
        LocalDateTime expected = LocalDateTime.ofInstant(instant, AesoMarket.TIME.zone());
        return wall.equals(expected) ? Optional.empty()
                : Optional.of(String.format("%s '%s' is not %s on Mountain prevailing time's clock (%s)", field, mpt, instant, expected.format(SHOWN_TIME)));
    }

    /** A legacy {@code Date (HE)}: its day, hour ending and whether it is starred (the fall-back day's second pass). */
    public record HourEnding(LocalDate date, int hourEnding, boolean repeated)
    {
        /** The wall hour's start, resolved on Mountain prevailing time; the reason it has none where the label names no real hour. */
        public Instant start()
        {
            LocalDateTime wallStart = date.atStartOfDay().plusHours(hourEnding - 1L);
            ZoneOffsetTransition transition = RULES.getTransition(wallStart);
            if (transition == null) {
                if (repeated) {
                    throw new IllegalArgumentException(String.format("hour ending %02d* is starred but the wall hour from %s is not repeated on %s", hourEnding,
                            wallStart.toLocalTime(), date));
                }
                return wallStart.atOffset(RULES.getOffset(wallStart)).toInstant();
            }
            if (transition.isGap()) {
                throw new IllegalArgumentException(String.format("hour ending %02d names the wall hour from %s, which Mountain time skips on %s (spring forward)",
                        hourEnding, wallStart.toLocalTime(), date));
            }
            // the fall-back overlap: the first pass keeps summer time, the starred second pass is standard time
            return wallStart.atOffset(repeated ? transition.getOffsetAfter() : transition.getOffsetBefore()).toInstant();
        }
    }

    /** Reads {@code 11/03/2024 02*} (quotes already removed). */
    public static HourEnding hourEnding(String value)
    {
        String text = value.strip();
        boolean repeated = text.endsWith("*");
        if (repeated) {
            text = text.substring(0, text.length() - 1).strip();
        }
        int space = text.lastIndexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("Date (HE) '" + value + "' is not a date and hour ending like 11/03/2024 02");
        }
        LocalDate date;
        int hour;
        try {
            date = LocalDate.parse(text.substring(0, space).strip(), LEGACY_DATE);
            hour = Integer.parseInt(text.substring(space + 1).strip());
        }
        catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("Date (HE) '" + value + "' is not a date and hour ending like 11/03/2024 02");
        }
        if (hour < 1 || hour > 24) {
            throw new IllegalArgumentException("Date (HE) '" + value + "' has hour ending " + hour + ", outside 1..24");
        }
        return new HourEnding(date, hour, repeated);
    }

    /**
     * The start of a legacy SMP: {@code Time} ({@code 01:36}, or {@code 01:36*} on the repeated hour) within the wall
     * hour of its {@code Date (HE)}; a star on either marks the fall-back day's second pass.
     */
    public static Instant smpStart(String dateHourEnding, String time)
    {
        HourEnding hour = hourEnding(dateHourEnding);
        String text = time.strip();
        boolean repeated = text.endsWith("*");
        if (repeated) {
            text = text.substring(0, text.length() - 1).strip();
        }
        LocalTime local;
        try {
            local = LocalTime.parse(text.length() == 4 ? "0" + text : text);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Time '" + time + "' is not a time like 01:36");
        }
        if (local.getHour() != hour.hourEnding() - 1) {
            throw new IllegalArgumentException(String.format("Time '%s' is not in the hour ending %02d of Date (HE) '%s'", time, hour.hourEnding(),
                    dateHourEnding));
        }
        HourEnding resolved = new HourEnding(hour.date(), hour.hourEnding(), hour.repeated() || repeated);
        return resolved.start().plus(Duration.ofMinutes(local.getMinute())).plusSeconds(local.getSecond());
    }
}
