package io.energylakehouse.etl.source.spp;

import java.util.Locale;
import java.util.Optional;

/** The columns of SPP's LMP files, found by name: trimmed, case and inner spaces ignored ({@code Settlement Location}, {@code SettlementLocation}). */
public enum SppColumn
{
    INTERVAL("Interval"),
    GMT_INTERVAL_END("GMTIntervalEnd"),
    SETTLEMENT_LOCATION("Settlement Location"),
    PNODE("Pnode"),
    LMP("LMP"),
    MLC("MLC"),
    MCC("MCC"),
    MEC("MEC");

    private final String header;

    SppColumn(String header)
    {
        this.header = header;
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
            if (normalize(column.header).equals(wanted)) {
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
