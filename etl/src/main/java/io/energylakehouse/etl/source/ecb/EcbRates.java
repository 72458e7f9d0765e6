package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** The ECB as a publisher of euro reference rates: its code, clock and when a day's rates are known. */
public final class EcbRates
{
    private EcbRates() {}

    public static final String MARKET = Markets.ECB.code();
    public static final String SOURCE = "ecb-eurofxref";
    public static final String REPORT = "eurofxref";
    /** Frankfurt time: the ECB's clock. */
    public static final MarketTime TIME = Markets.ECB.time();
    /**
     * The hour (Frankfurt time) from which the reference rates of a day are taken as known: the ECB publishes them
     * "around 16:00 CET" after the 14:15 concertation. The files carry no publication time, so every rate of date D
     * is published at D 16:00 Europe/Berlin (a point-in-time query never sees a rate before it existed).
     */
    public static final LocalTime PUBLICATION_TIME = LocalTime.of(16, 0);
    /** The value the ECB writes for a currency it did not quote that day (discontinued, not yet quoted, suspended). */
    public static final String NOT_QUOTED = "N/A";

    /** When the rates of {@code rateDate} were published: {@code rateDate} 16:00 Europe/Berlin. */
    public static Instant publishedAt(LocalDate rateDate)
    {
        return rateDate.atTime(PUBLICATION_TIME).atZone(TIME.zone()).toInstant();
    }
}
