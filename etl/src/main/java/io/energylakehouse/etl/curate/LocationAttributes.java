package io.energylakehouse.etl.curate;

import static java.util.Objects.requireNonNull;

/**
 * What a raw record says of its pricing location beyond the prices, for {@code curated.locations}: the location id as
 * curation names it in {@code curated.market_prices}, and where the operator gives them its name, its own type code
 * and the zone or area it belongs to (each null where the payload does not say).
 */
public record LocationAttributes(String locationId, String locationName, String operatorTypeCode, String zoneName)
{
    public LocationAttributes
    {
        requireNonNull(locationId, "locationId is null");
    }
}
