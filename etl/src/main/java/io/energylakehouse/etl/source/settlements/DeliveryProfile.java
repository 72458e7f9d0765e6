package io.energylakehouse.etl.source.settlements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The hours of the delivery period a contract covers. Gas and carbon contracts are {@link #BASE}. */
public enum DeliveryProfile
{
    /** Every hour of the delivery period. */
    BASE,
    /** The exchange's peak block, e.g. 5x16 in PJM, 08:00-20:00 on weekdays at EEX. */
    PEAK,
    /** The hours outside the peak block. */
    OFFPEAK;

    /** The code files and tables use: {@code base}, {@code peak}, {@code offpeak}. */
    public String code()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a code case-insensitively; empty for anything else (e.g. {@code off-peak} or {@code weekend}). */
    public static Optional<DeliveryProfile> fromCode(String code)
    {
        return Arrays.stream(values()).filter(profile -> profile.code().equalsIgnoreCase(code.trim())).findFirst();
    }

    public static String codes()
    {
        return String.join(", ", Arrays.stream(values()).map(DeliveryProfile::code).toList());
    }
}
