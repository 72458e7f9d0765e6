package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.util.List;

/** NYISO as a market: its code, clock, currency and the load zones of its LBMP files. */
public final class NyisoMarket
{
    private NyisoMarket() {}

    public static final String MARKET = Markets.NYISO.code();
    public static final String SOURCE = "nyiso-mis";
    public static final String CURRENCY = Markets.NYISO.currency();
    /** Time stamps are Eastern prevailing time (America/New_York), with DST and no flag on the repeated hour. */
    public static final MarketTime TIME = Markets.NYISO.time();

    /** How far a price may be from the sum of its components before it is flagged; NYISO publishes cents. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.005;

    /** A location of an LBMP file: its PTID (the key) and its name as NYISO writes it. */
    public record Location(long ptid, String name) {}

    /** The eleven load zones A..K as NYISO names them in {@code *_zone.csv}, with their PTIDs. */
    public static final List<Location> ZONES = List.of(
            new Location(61752, "WEST"),
            new Location(61753, "GENESE"),
            new Location(61754, "CENTRL"),
            new Location(61755, "NORTH"),
            new Location(61756, "MHK VL"),
            new Location(61757, "CAPITL"),
            new Location(61758, "HUD VL"),
            new Location(61759, "MILLWD"),
            new Location(61760, "DUNWOD"),
            new Location(61761, "N.Y.C."),
            new Location(61762, "LONGIL"));

    /** The external proxy zones the zonal files also carry. */
    public static final List<Location> EXTERNAL_ZONES = List.of(
            new Location(61844, "H Q"),
            new Location(61845, "NPX"),
            new Location(61846, "O H"),
            new Location(61847, "PJM"));

    /** The reference bus, a row of the generator files. */
    public static final String REFERENCE_BUS = "NYISO_LBMP_REFERENCE";
}
