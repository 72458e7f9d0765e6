package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.csv.CsvLine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Splits settlement CSV lines (RFC 4180 quoting, one record per line) and maps fields by header name, never by position. */
final class SettlementCsv
{
    private SettlementCsv() {}


    /**
     * The header row: its names as written (trimmed, byte-order mark removed) and the position of each layout
     * column found in it, matched case-insensitively. Columns outside the layout are kept in {@code names} only.
     */
    record Header(List<String> names, Map<SettlementColumn, Integer> positions)
    {
        Header
        {
            names = List.copyOf(requireNonNull(names, "names is null"));
            positions = Map.copyOf(requireNonNull(positions, "positions is null"));
        }

        static Header of(String line)
        {
            List<String> names = CsvLine.split(line).stream().map(name -> name.replace("\uFEFF", "").trim()).toList();
            Map<SettlementColumn, Integer> positions = new EnumMap<>(SettlementColumn.class);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).toLowerCase(Locale.ROOT);
                for (SettlementColumn column : SettlementColumn.values()) {
                    if (column.headerName().equals(name)) {
                        positions.putIfAbsent(column, i);
                    }
                }
            }
            return new Header(names, positions);
        }

        /** Layout columns named more than once: which of them holds the value would be a guess. */
        List<String> repeatedColumns()
        {
            List<String> repeated = new ArrayList<>();
            for (SettlementColumn column : SettlementColumn.values()) {
                long count = names.stream().filter(name -> name.equalsIgnoreCase(column.headerName())).count();
                if (count > 1) {
                    repeated.add(column.headerName());
                }
            }
            return repeated;
        }

        List<String> missingRequiredColumns()
        {
            return SettlementColumn.required().stream().filter(column -> !positions.containsKey(column)).map(SettlementColumn::headerName).toList();
        }

        /** The trimmed field of a layout column; empty when the header lacks the column or the field is blank. */
        Optional<String> field(List<String> fields, SettlementColumn column)
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
