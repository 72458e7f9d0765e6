package io.energylakehouse.common.market;

import static java.util.Objects.requireNonNull;

/**
 * The location a market's basis is measured against and its forwards settle on: the most traded hub of the
 * exchanges' contracts on that market.
 *
 * @param locationId the location as {@code curated.market_prices.location_id} holds it (CAISO {@code TH_SP15_GEN-APND},
 *         PJM's pnode id {@code 51288}, NYISO's PTID {@code 61761})
 * @param name the hub as traders call it, e.g. {@code PJM Western Hub}
 * @param source the contract specification that names the hub and its peak block
 */
public record ReferenceHub(String locationId, String name, String source)
{
    public ReferenceHub
    {
        requireNonNull(locationId, "locationId is null");
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        if (locationId.isBlank()) {
            throw new IllegalArgumentException("Cannot define reference hub '" + name + "': its location id is blank");
        }
    }
}
