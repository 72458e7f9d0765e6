package io.energylakehouse.etl.raw;

import java.util.Locale;

/** What a payload turned out to hold. */
public enum FetchOutcome
{
    /** Records were read (some lines may still have been rejected). */
    PARSED,
    /** The operator answered that there is no data for the selection (OASIS ERR_CODE 1000): not an empty success. */
    NO_DATA,
    /** The operator answered with an error (bad parameters, window too long, still processing...). */
    OPERATOR_ERROR,
    /** The payload is not what it claims to be (not a zip, truncated, wrong report, missing columns): quarantined whole. */
    REJECTED;

    public String code()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
