package io.energylakehouse.etl.source.jepx;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The columns of a JEPX spot file, found by their header text: the header row is the row whose first cell is
 * {@code 年月日}. Columns are mapped by name, never by position, because the empty spacer columns and the groups after
 * them (the α columns, the avoidable costs, the block volumes) move; the positions third-party readers document are
 * compared with what the header says, and any difference is reported ({@link #layoutNotes}), not acted on.
 *
 * <p>Required: {@code 年月日} (date), {@code 時刻コード} (slot code) and the ten prices of {@link JepxPriceColumn}. The
 * three volumes ({@code 売り入札量(kWh)}, {@code 買い入札量(kWh)}, {@code 約定総量(kWh)}) are read where present (null
 * where the header lacks them). Every other named column is kept by its header text in the raw table's
 * {@code other_columns_json}.
 *
 * @param volumeColumns the column of each volume, by its raw column name, where the header has it
 * @param otherColumns the other named columns: index to header text as published
 */
public record JepxHeader(int dateColumn, int slotColumn, Map<JepxPriceColumn, Integer> priceColumns, Map<String, Integer> volumeColumns,
        Map<Integer, String> otherColumns, int width, List<String> layoutNotes)
{
    public static final String DATE = "年月日";
    public static final String SLOT = "時刻コード";
    static final int DOCUMENTED_DATE_INDEX = 0;
    static final int DOCUMENTED_SLOT_INDEX = 1;

    /** The volumes we type, in kWh as published: raw column, header, documented index. */
    enum Volume
    {
        SELL_BID("sell_bid_volume_kwh", "売り入札量(kWh)", 2),
        BUY_BID("buy_bid_volume_kwh", "買い入札量(kWh)", 3),
        CONTRACT("contract_volume_kwh", "約定総量(kWh)", 4);

        final String rawColumn;
        final String header;
        final int documentedIndex;

        Volume(String rawColumn, String header, int documentedIndex)
        {
            this.rawColumn = rawColumn;
            this.header = header;
            this.documentedIndex = documentedIndex;
        }
    }

    public JepxHeader
    {
        EnumMap<JepxPriceColumn, Integer> prices = new EnumMap<>(JepxPriceColumn.class);
        prices.putAll(requireNonNull(priceColumns, "priceColumns is null"));
        // in the enum's order: a row's first bad price is named, the same on every run
        priceColumns = java.util.Collections.unmodifiableMap(prices);
        volumeColumns = Map.copyOf(requireNonNull(volumeColumns, "volumeColumns is null"));
        otherColumns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(otherColumns, "otherColumns is null")));
        layoutNotes = List.copyOf(requireNonNull(layoutNotes, "layoutNotes is null"));
    }

    /** Header text as compared: Unicode NFKC (full-width letters and brackets to ASCII) without any white space. */
    public static String normalize(String text)
    {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "").replace("\uFEFF", "");
    }

    /** Whether a row's first cell says it is the header row. */
    public static boolean isHeader(List<String> fields)
    {
        return !fields.isEmpty() && normalize(fields.get(0)).equals(DATE);
    }

    /** The mapping of a header row, or the problem that rejects the file: the required headers it lacks, or one header twice. */
    public static Mapped map(List<String> fields)
    {
        Map<String, Integer> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        java.util.Set<String> known = new java.util.HashSet<>(List.of(normalize(DATE), normalize(SLOT)));
        for (JepxPriceColumn price : JepxPriceColumn.values()) {
            known.add(normalize(price.header()));
        }
        for (Volume volume : Volume.values()) {
            known.add(normalize(volume.header));
        }
        for (int i = 0; i < fields.size(); i++) {
            String name = normalize(fields.get(i));
            // a column we read twice is ambiguous; another column twice is kept twice (see otherColumns)
            if (!name.isEmpty() && byName.putIfAbsent(name, i) != null && known.contains(name)) {
                problems.add(String.format("header '%s' appears twice (columns %d and %d)", fields.get(i).strip(), byName.get(name) + 1, i + 1));
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Integer date = find(byName, DATE, DOCUMENTED_DATE_INDEX, missing, notes);
        Integer slot = find(byName, SLOT, DOCUMENTED_SLOT_INDEX, missing, notes);
        Map<JepxPriceColumn, Integer> prices = new EnumMap<>(JepxPriceColumn.class);
        for (JepxPriceColumn price : JepxPriceColumn.values()) {
            Integer index = find(byName, price.header(), price.documentedIndex(), missing, notes);
            if (index != null) {
                prices.put(price, index);
            }
        }
        Map<String, Integer> volumes = new LinkedHashMap<>();
        List<String> absentVolumes = new ArrayList<>();
        for (Volume volume : Volume.values()) {
            Integer index = find(byName, volume.header, volume.documentedIndex, absentVolumes, notes);
            if (index != null) {
                volumes.put(volume.rawColumn, index);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, "required columns missing: " + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            return new Mapped(Optional.empty(), Optional.of(String.join("; ", problems)));
        }
        absentVolumes.forEach(volume -> notes.add("no column " + volume + " (its raw column is null)"));
        java.util.Set<Integer> mapped = new java.util.HashSet<>(prices.values());
        mapped.addAll(volumes.values());
        mapped.add(date);
        mapped.add(slot);
        Map<Integer, String> others = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!mapped.contains(i) && !normalize(fields.get(i)).isEmpty()) {
                String name = fields.get(i).strip();
                others.put(i, others.containsValue(name) ? name + " (column " + (i + 1) + ")" : name);
            }
        }
        return new Mapped(Optional.of(new JepxHeader(date, slot, prices, volumes, others, fields.size(), notes)), Optional.empty());
    }

    private static Integer find(Map<String, Integer> byName, String header, int documentedIndex, List<String> missing, List<String> notes)
    {
        Integer index = byName.get(normalize(header));
        if (index == null) {
            missing.add(header);
        }
        else if (index != documentedIndex) {
            notes.add(String.format("%s is column %d, documented as column %d", header, index + 1, documentedIndex + 1));
        }
        return index;
    }

    /** The number of fields a row needs to hold every required column. */
    public int requiredWidth()
    {
        int widest = Math.max(dateColumn, slotColumn);
        for (int index : priceColumns.values()) {
            widest = Math.max(widest, index);
        }
        return widest + 1;
    }

    /** A header row mapped, or the reason it cannot be. */
    public record Mapped(Optional<JepxHeader> header, Optional<String> problem) {}
}
