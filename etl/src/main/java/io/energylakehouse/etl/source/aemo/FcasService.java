package io.energylakehouse.etl.source.aemo;

/**
 * The frequency control ancillary services whose prices DISPATCHPRICE publishes per region beside the energy price:
 * each has its column ({@code RAISE6SECRRP}) and its own dataset ({@code fcas_raise6sec_5min}). The one-second
 * services (very fast FCAS) appear from the 2023 table versions only; older files have no such column, so no row.
 */
public enum FcasService
{
    RAISE6SEC("raise6sec", "RAISE6SECRRP"),
    RAISE60SEC("raise60sec", "RAISE60SECRRP"),
    RAISE5MIN("raise5min", "RAISE5MINRRP"),
    RAISEREG("raisereg", "RAISEREGRRP"),
    LOWER6SEC("lower6sec", "LOWER6SECRRP"),
    LOWER60SEC("lower60sec", "LOWER60SECRRP"),
    LOWER5MIN("lower5min", "LOWER5MINRRP"),
    LOWERREG("lowerreg", "LOWERREGRRP"),
    RAISE1SEC("raise1sec", "RAISE1SECRRP"),
    LOWER1SEC("lower1sec", "LOWER1SECRRP");

    private final String service;
    private final String column;

    FcasService(String service, String column)
    {
        this.service = service;
        this.column = column;
    }

    public String service()
    {
        return service;
    }

    /** The MMS column of the price, e.g. {@code RAISE6SECRRP}. */
    public String column()
    {
        return column;
    }

    /** The raw table's column of the price, e.g. {@code raise6sec_rrp}. */
    public String rawColumn()
    {
        return service + "_rrp";
    }

    /** The dataset of the service's five-minute prices, e.g. {@code fcas_raise6sec_5min}. */
    public String dataset()
    {
        return "fcas_" + service + "_5min";
    }
}
