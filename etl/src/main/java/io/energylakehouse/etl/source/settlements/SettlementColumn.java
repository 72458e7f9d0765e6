package io.energylakehouse.etl.source.settlements;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The documented CSV layout of futures settlement files: a header row naming these columns (any case, any
 * order; other columns are ignored), then one settlement per line. README.md ("Loading futures settlements")
 * documents the same list.
 */
public enum SettlementColumn
{
    TRADE_DATE(Presence.REQUIRED, "Trading day the settlement price belongs to, yyyy-MM-dd"),
    MARKET(Presence.REQUIRED, "Market whose delivery the contract settles on, e.g. PJM, ERCOT, CAISO, EEX-DE, TTF, EU-ETS (read upper case)"),
    CONTRACT_CODE(Presence.REQUIRED, "The exchange's contract code, kept as given"),
    PROFILE(Presence.REQUIRED, "base, peak or offpeak (any case)"),
    DELIVERY_START(Presence.REQUIRED, "First delivery day, yyyy-MM-dd, inclusive"),
    DELIVERY_END(Presence.REQUIRED, "Day after the last delivery day, yyyy-MM-dd, exclusive; after delivery_start"),
    SETTLEMENT_PRICE(Presence.REQUIRED, "Decimal number with a dot, may be negative; NaN and Infinity are rejected"),
    CURRENCY(Presence.REQUIRED, "ISO 4217 code, e.g. USD, EUR"),
    UNIT(Presence.REQUIRED, "What the price is per, e.g. MWh, MMBtu, therm, tCO2"),
    EXCHANGE(Presence.OPTIONAL, "Exchange that published the price, e.g. EEX, ICE, CME; the column or the field may be left out");

    public enum Presence
    {
        REQUIRED,
        OPTIONAL
    }

    private final Presence presence;
    private final String doc;

    SettlementColumn(Presence presence, String doc)
    {
        this.presence = presence;
        this.doc = doc;
    }

    /** The name in the header row, e.g. {@code trade_date}. */
    public String headerName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public Presence presence()
    {
        return presence;
    }

    public String doc()
    {
        return doc;
    }

    public static List<SettlementColumn> required()
    {
        return Arrays.stream(values()).filter(column -> column.presence == Presence.REQUIRED).toList();
    }
}
