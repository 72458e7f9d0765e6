package io.energylakehouse.etl.source.spp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of SPP's LMP files, found by name (trimmed, case, spaces and underscores ignored) in any of SPP's spellings:
 * the interval files write {@code Interval,GMTIntervalEnd,Settlement Location,Pnode,LMP,MLC,MCC,MEC}, the daily real-time
 * file {@code Interval,GMT Interval,Settlement Location Name,PNODE Name,LMP,MLC,MCC,MEC} (as gridstatus reads it; not
 * checked against a real daily file here), and files since SPP's RTO West launch (2026-04-01) a trailing {@code BAA}.
 */
public enum SppColumn
{
    INTERVAL("Interval"),
    GMT_INTERVAL_END("GMTIntervalEnd", "GMT Interval"),
    SETTLEMENT_LOCATION("Settlement Location", "Settlement Location Name"),
    PNODE("Pnode", "PNODE Name"),
    LMP("LMP"),
    MLC("MLC"),
    MCC("MCC"),
    MEC("MEC"),
    BAA("BAA");

    private final String header;
    private final List<String> spellings;

    SppColumn(String header, String... otherSpellings)
    {
        this.header = header;
        List<String> all = new java.util.ArrayList<>();
        all.add(normalize(header));
        for (String spelling : otherSpellings) {
            all.add(normalize(spelling));
        }
        this.spellings = List.copyOf(all);
    }

    /** The name as SPP writes it in the header. */
    public String header()
    {
        return header;
    }

    /** The column a header field names, if any. */
    public static Optional<SppColumn> of(String field)
    {
        String wanted = normalize(field);
        for (SppColumn column : values()) {
            if (column.spellings.contains(wanted)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String name)
    {
        // a byte order mark, spaces around and inside the name
        return name.replace("\uFEFF", "").replace(" ", "").replace("_", "").trim().toLowerCase(Locale.ROOT);
    }
}
