package io.energylakehouse.curves;

import java.util.Locale;

/** The delivery hours a contract covers: every hour, the market's on-peak block, or the hours outside it. */
public enum Profile
{
    BASE, PEAK, OFFPEAK;

    public static Profile parse(String text)
    {
        String normalized = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (normalized) {
            case "base":
            case "baseload":
                return BASE;
            case "peak":
            case "peakload":
            case "onpeak":
                return PEAK;
            case "offpeak":
                return OFFPEAK;
            default:
                throw new IllegalArgumentException("Cannot read profile '" + text + "': use base, peak or offpeak");
        }
    }

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
