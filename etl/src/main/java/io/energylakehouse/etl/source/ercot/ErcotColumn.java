package io.energylakehouse.etl.source.ercot;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of the settlement point price reports and every spelling ERCOT uses for them: MIS CSV
 * ({@code DeliveryDate}, {@code SettlementPointName}), the public API ({@code deliveryDate}, {@code settlementPoint}),
 * older files ({@code Delivery Date}, {@code HOUR_ENDING}, {@code OperDay}, {@code Repeated Hour Flag}) and padded
 * names ({@code "DSTFlag    "}). Names are compared without case, spaces, underscores or a byte-order mark.
 */
enum ErcotColumn
{
    DELIVERY_DATE("DeliveryDate", Set.of("deliverydate", "operday")),
    HOUR_ENDING("HourEnding", Set.of("hourending")),
    DELIVERY_HOUR("DeliveryHour", Set.of("deliveryhour")),
    DELIVERY_INTERVAL("DeliveryInterval", Set.of("deliveryinterval")),
    SETTLEMENT_POINT("SettlementPoint", Set.of("settlementpoint", "settlementpointname")),
    SETTLEMENT_POINT_TYPE("SettlementPointType", Set.of("settlementpointtype")),
    SETTLEMENT_POINT_PRICE("SettlementPointPrice", Set.of("settlementpointprice")),
    DST_FLAG("DSTFlag", Set.of("dstflag", "repeatedhourflag"));

    private final String displayName;
    private final Set<String> spellings;

    ErcotColumn(String displayName, Set<String> spellings)
    {
        this.displayName = displayName;
        this.spellings = spellings;
    }

    /** The MIS spelling, for messages. */
    String displayName()
    {
        return displayName;
    }

    static String normalize(String name)
    {
        StringBuilder normalized = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                normalized.append(c);
            }
        }
        return normalized.toString().toLowerCase(Locale.ROOT);
    }

    static Optional<ErcotColumn> of(String name)
    {
        String normalized = normalize(name);
        for (ErcotColumn column : values()) {
            if (column.spellings.contains(normalized)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** Where each known column is in a header (the first of two spellings of one column wins). */
    static Map<ErcotColumn, Integer> positions(List<String> header)
    {
        Map<ErcotColumn, Integer> positions = new EnumMap<>(ErcotColumn.class);
        for (int i = 0; i < header.size(); i++) {
            int position = i;
            of(header.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
        }
        return positions;
    }
}
