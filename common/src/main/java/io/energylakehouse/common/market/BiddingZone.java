package io.energylakehouse.common.market;

import java.time.ZoneId;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A bidding zone of the ENTSO-E area: the code users and ENTSO-E tools use ({@code DE_LU}, {@code DK_2},
 * {@code IT_NORD}), its EIC, the zone its delivery days are counted in, and the currency its day-ahead prices are
 * published in on the transparency platform.
 *
 * @param until the last delivery day of a zone that was split or merged ({@code DE_AT_LU}: 2018-09-30)
 */
public record BiddingZone(String code, String eic, String name, ZoneId zone, String currency, Optional<java.time.LocalDate> until)
{
    public BiddingZone
    {
        requireNonNull(code, "code is null");
        requireNonNull(eic, "eic is null");
        requireNonNull(name, "name is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(until, "until is null");
        if (eic.length() != 16) {
            throw new IllegalArgumentException("Cannot define bidding zone " + code + ": EIC '" + eic + "' is not 16 characters");
        }
    }
}
