package io.energylakehouse.curves.job;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What the curve job did: the curves written per market, the markets refused (with why), the input snapshot. */
public record CurveJobResult(List<MarketCurve> curves, List<String> failures, long inputSnapshotId)
{
    public CurveJobResult
    {
        curves = List.copyOf(requireNonNull(curves, "curves is null"));
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
    }

    public record MarketCurve(String market, int contractsQuoted, int contractsFitted, long rows, String method, long fitMillis)
    {
        public MarketCurve
        {
            requireNonNull(market, "market is null");
            requireNonNull(method, "method is null");
        }
    }

    public long rows()
    {
        return curves.stream().mapToLong(MarketCurve::rows).sum();
    }
}
