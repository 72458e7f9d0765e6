package io.energylakehouse.etl.source.caiso;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Splits OASIS CSV lines (RFC 4180 quoting) and maps fields by header name, never by position. */
final class OasisCsvLine
{
    private OasisCsvLine() {}

    static List<String> split(String line)
    {
        if (line.indexOf('"') < 0) {
            // OASIS writes no quotes: the common case is a plain split on commas.
            List<String> fields = new ArrayList<>(20);
            int start = 0;
            for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
                fields.add(line.substring(start, comma));
                start = comma + 1;
            }
            fields.add(line.substring(start));
            return fields;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else if (c == '"') {
                    quoted = false;
                }
                else {
                    field.append(c);
                }
            }
            else if (c == '"') {
                quoted = true;
            }
            else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** Column positions by upper-case header name. */
    record Header(List<String> names, Map<String, Integer> positions)
    {
        static Header of(String line)
        {
            List<String> names = split(line).stream().map(name -> name.trim().replace("\uFEFF", "").toUpperCase(Locale.ROOT)).toList();
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

        Optional<String> field(List<String> fields, String column)
        {
            Integer position = positions.get(column);
            if (position == null) {
                return Optional.empty();
            }
            String value = fields.get(position).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
    }
}
