package io.energylakehouse.etl.connector;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.source.aemo.AemoConnector;
import io.energylakehouse.etl.source.aeso.AesoConnector;
import io.energylakehouse.etl.source.caiso.CaisoConnector;
import io.energylakehouse.etl.source.ecb.EcbConnector;
import io.energylakehouse.etl.source.eia.EiaConnector;
import io.energylakehouse.etl.source.eex.EexConnector;
import io.energylakehouse.etl.source.entsoe.EntsoeConnector;
import io.energylakehouse.etl.source.ercot.ErcotConnector;
import io.energylakehouse.etl.source.ieso.IesoConnector;
import io.energylakehouse.etl.source.jepx.JepxConnector;
import io.energylakehouse.etl.source.miso.MisoConnector;
import io.energylakehouse.etl.source.nordpool.NordPoolConnector;
import io.energylakehouse.etl.source.nyiso.NyisoConnector;
import io.energylakehouse.etl.source.pjm.PjmConnector;
import io.energylakehouse.etl.source.spp.SppConnector;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The connectors there are, by market code: adding a market is one line here and a package of its own. */
public final class Connectors
{
    private static final List<MarketConnector> ALL = List.of(
            new CaisoConnector(),
            new PjmConnector(),
            new ErcotConnector(),
            new MisoConnector(),
            new NyisoConnector(),
            new SppConnector(),
            new IesoConnector(),
            new AesoConnector(),
            new EntsoeConnector(),
            new NordPoolConnector(),
            new EexConnector(),
            new EcbConnector(),
            new JepxConnector(),
            new AemoConnector(),
            new EiaConnector());

    private Connectors() {}

    public static List<MarketConnector> all()
    {
        return ALL;
    }

    public static Optional<MarketConnector> find(String market)
    {
        String code = market == null ? "" : market.strip().toUpperCase(Locale.ROOT);
        return ALL.stream().filter(connector -> connector.market().code().equals(code)).findFirst();
    }

    /** The connector of a market code in any case; a user error lists the markets that have one. */
    public static MarketConnector require(String market)
    {
        return find(market).orElseThrow(() -> LakehouseException.userError("Cannot use market '%s': available markets are [%s]", market, codes()));
    }

    /** The codes of the markets with a connector, lower case as users type them: {@code caiso, pjm, ercot, miso, nyiso, spp}. */
    public static String codes()
    {
        return String.join(", ", ALL.stream().map(connector -> connector.market().code().toLowerCase(Locale.ROOT)).toList());
    }
}
