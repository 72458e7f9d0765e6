package io.energylakehouse.curves;

import java.util.Locale;

/** The periods a curve has a price for: local days or (elapsed) hours. */
public enum Granularity
{
    DAY, HOUR;

    public static Granularity parse(String text)
    {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read granularity '" + text + "': use day or hour");
        }
    }
}
