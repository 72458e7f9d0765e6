package io.energylakehouse.curves;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * A quoted forward contract: delivery over the local dates {@code [deliveryStart, deliveryEnd)} (start
 * inclusive, end exclusive) in the hours of {@code profile}, at {@code price} per MWh (or per the quote's unit).
 */
public record Contract(String name, LocalDate deliveryStart, LocalDate deliveryEnd, double price, Profile profile)
{
    public Contract
    {
        requireNonNull(name, "name is null");
        requireNonNull(deliveryStart, "deliveryStart is null");
        requireNonNull(deliveryEnd, "deliveryEnd is null");
        requireNonNull(profile, "profile is null");
        if (!deliveryEnd.isAfter(deliveryStart)) {
            throw new IllegalArgumentException("Cannot use contract " + name + ": delivery end " + deliveryEnd
                    + " is not after its start " + deliveryStart + " (the end is exclusive)");
        }
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("Cannot use contract " + name + ": price " + price + " is not a number");
        }
    }

    public Contract withPrice(double newPrice)
    {
        return new Contract(name, deliveryStart, deliveryEnd, newPrice, profile);
    }

    @Override
    public String toString()
    {
        return name + " [" + deliveryStart + ", " + deliveryEnd + ") " + profile.label() + " " + price;
    }
}
