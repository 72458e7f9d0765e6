package io.energylakehouse.common.csv;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV record (RFC 4180 quoting: fields in double quotes, a doubled quote inside is one quote). */
public final class CsvLine
{
    private CsvLine() {}

    public static List<String> split(String line)
    {
        if (line.indexOf('"') < 0) {
            // most files quote nothing: a plain split on commas
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
}
