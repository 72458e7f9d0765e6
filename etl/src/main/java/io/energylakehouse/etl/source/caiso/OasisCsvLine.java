package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.csv.CsvLine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits OASIS CSV lines (RFC 4180 quoting) and maps fields by header name, never by position. */
final class OasisCsvLine
{
    private OasisCsvLine() {}


    /** Column positions by upper-case header name. */
    record Header(List<String> names, Map<String, Integer> positions)
    {
        static Header of(String line)
        {
            List<String> names = CsvLine.split(line).stream().map(name -> name.trim().replace("\uFEFF", "").toUpperCase(Locale.ROOT)).toList();
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                positions.putIfAbsent(names.get(i), i);
            }
            return new Header(names, Map.copyOf(positions));
        }

        boolean has(String column)
        {
            return positions.containsKey(column);
        }

        /** The column's position, or -1 when the file version has no such column. */
        int position(String column)
        {
            Integer position = positions.get(column);
            return position == null ? -1 : position;
        }

        /** The trimmed field at a {@link #position}, or null when the column is absent or the field empty. */
        static String field(List<String> fields, int position)
        {
            if (position < 0) {
                return null;
            }
            String value = fields.get(position).trim();
            return value.isEmpty() ? null : value;
        }
    }
}
