package io.energylakehouse.etl.publish;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.math.BigDecimal;

/**
 * How published CSV files write a double: the shortest decimal that reads back as the same double, in plain
 * notation ({@code 0.0002}, not {@code 2.0E-4}), with at least one digit after the point ({@code 35.0}). A price
 * taken from the source therefore reads as the source wrote it, and a mean (rounded to
 * {@link HubPrices#MEAN_SCALE} places) as that short decimal. Java 17's {@link Double#toString} is not always the
 * shortest (fixed in JDK 19), so the digits come from Jackson's Schubfach writer, the same algorithm.
 */
public final class DecimalText
{
    private DecimalText() {}

    /** Null for null; {@code NaN} and {@code Infinity} as Java writes them (published prices are finite). */
    public static String plain(Double value)
    {
        if (value == null) {
            return null;
        }
        if (!Double.isFinite(value)) {
            return value.toString();
        }
        String plain = new BigDecimal(NumberOutput.toString(value, true /* Schubfach: shortest */)).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
