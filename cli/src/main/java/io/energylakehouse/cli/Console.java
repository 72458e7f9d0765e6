package io.energylakehouse.cli;

import java.time.Duration;
import java.util.Locale;

/** Number formats for the summaries the commands print. */
final class Console
{
    private Console() {}

    static String count(long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String price(Double value)
    {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String seconds(Duration duration)
    {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
