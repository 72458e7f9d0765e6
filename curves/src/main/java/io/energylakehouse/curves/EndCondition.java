package io.energylakehouse.curves;

import java.util.Locale;

/**
 * What the spline assumes at the far end of the curve. {@link #NONE} (the default, as in cmdty/curves) adds
 * no condition: the smoothness objective alone decides. {@link #ZERO_SLOPE} is the end-condition of Benth,
 * Koekebakker and Ollmar (2007): the curve is flat at its last instant.
 */
public enum EndCondition
{
    NONE, ZERO_SLOPE;

    public static EndCondition parse(String text)
    {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalized);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read end condition '" + text + "': use none or zero-slope");
        }
    }
}
