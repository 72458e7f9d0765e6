package io.energylakehouse.curves;

import java.util.Locale;

/**
 * How a contract's price averages the curve. {@link #HOURS} (the default) weights every period by its hours
 * of delivery in the market's zone, so a 23- or 25-hour DST day, a leap day and the number of peak hours
 * count as they settle. {@link #DAYS} counts each delivery day equally (as the cmdty/curves examples do).
 */
public enum Weighting
{
    HOURS, DAYS;

    public static Weighting parse(String text)
    {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read weights '" + text + "': use hours or days");
        }
    }
}
