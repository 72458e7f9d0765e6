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

    /** Rows as a text table: columns padded to their widest cell, two spaces apart, the first row a header. */
    static String table(java.util.List<String[]> rows)
    {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
