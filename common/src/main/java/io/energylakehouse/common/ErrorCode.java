package io.energylakehouse.common;

/**
 * What kind of failure a {@link LakehouseException} is, and the exit code the launcher gives it.
 */
public enum ErrorCode
{
    /** The user asked for something that cannot be done: a wrong argument, an unknown key, a missing file. */
    USER_ERROR(2),
    /** Data received from outside is not what it claims to be: a malformed file, a report that says "error". */
    BAD_EXTERNAL_DATA(2),
    /** A service we depend on failed or refused: an operator endpoint, an object store, a catalog. */
    EXTERNAL_SERVICE(3),
    /** A bug or a broken invariant inside the lakehouse. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode)
    {
        this.exitCode = exitCode;
    }

    public int exitCode()
    {
        return exitCode;
    }
}
