package io.energylakehouse.etl.source.jepx;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The prices of a JEPX spot file we curate: the system price and the nine area prices, each a column of the file
 * (JPY per kWh) and a location of {@code curated.market_prices}. The header text is matched after Unicode NFKC
 * normalisation with white space removed ({@link JepxHeader#normalize}); {@code documentedIndex} is the column's
 * position in the layout third-party readers document, a cross-check only.
 */
public enum JepxPriceColumn
{
    SYSTEM("SYSTEM", "system", "システムプライス(円/kWh)", 5, "JEPX system price"),
    HOKKAIDO("HOKKAIDO", "area", "エリアプライス北海道(円/kWh)", 6, "Hokkaido area (北海道)"),
    TOHOKU("TOHOKU", "area", "エリアプライス東北(円/kWh)", 7, "Tohoku area (東北)"),
    TOKYO("TOKYO", "area", "エリアプライス東京(円/kWh)", 8, "Tokyo area (東京)"),
    CHUBU("CHUBU", "area", "エリアプライス中部(円/kWh)", 9, "Chubu area (中部)"),
    HOKURIKU("HOKURIKU", "area", "エリアプライス北陸(円/kWh)", 10, "Hokuriku area (北陸)"),
    KANSAI("KANSAI", "area", "エリアプライス関西(円/kWh)", 11, "Kansai area (関西)"),
    CHUGOKU("CHUGOKU", "area", "エリアプライス中国(円/kWh)", 12, "Chugoku area (中国)"),
    SHIKOKU("SHIKOKU", "area", "エリアプライス四国(円/kWh)", 13, "Shikoku area (四国)"),
    KYUSHU("KYUSHU", "area", "エリアプライス九州(円/kWh)", 14, "Kyushu area (九州)");

    private final String locationId;
    private final String locationType;
    private final String header;
    private final int documentedIndex;
    private final String locationName;

    JepxPriceColumn(String locationId, String locationType, String header, int documentedIndex, String locationName)
    {
        this.locationId = locationId;
        this.locationType = locationType;
        this.header = header;
        this.documentedIndex = documentedIndex;
        this.locationName = locationName;
    }

    public String locationId()
    {
        return locationId;
    }

    /** {@code system} for the system price, {@code area} for the nine areas. */
    public String locationType()
    {
        return locationType;
    }

    /** The header as JEPX writes it. */
    public String header()
    {
        return header;
    }

    public int documentedIndex()
    {
        return documentedIndex;
    }

    public String locationName()
    {
        return locationName;
    }

    /** The raw table's column: {@code system_price_jpy_per_kwh}, {@code area_price_tokyo_jpy_per_kwh}. */
    public String rawColumn()
    {
        return this == SYSTEM ? "system_price_jpy_per_kwh" : "area_price_" + name().toLowerCase(Locale.ROOT) + "_jpy_per_kwh";
    }

    public static Optional<JepxPriceColumn> ofLocation(String locationId)
    {
        return Arrays.stream(values()).filter(column -> column.locationId.equalsIgnoreCase(locationId.strip())).findFirst();
    }
}
