package io.energylakehouse.common;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type of the lakehouse: a category and a message that says "Cannot X: why" with the
 * offending value, so the launcher can print one line and exit with the category's code.
 */
public class LakehouseException
        extends RuntimeException
{
    private final ErrorCode errorCode;

    public LakehouseException(ErrorCode errorCode, String message)
    {
        super(message);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public LakehouseException(ErrorCode errorCode, String message, Throwable cause)
    {
        super(message, cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public static LakehouseException userError(String format, Object... args)
    {
        return new LakehouseException(ErrorCode.USER_ERROR, String.format(format, args));
    }

    public static LakehouseException badData(String format, Object... args)
    {
        return new LakehouseException(ErrorCode.BAD_EXTERNAL_DATA, String.format(format, args));
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }
}
