package io.energylakehouse.curves;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Quotes that are not free of arbitrage, with every inconsistency found; never fitted silently. */
public final class InconsistentQuotesException
        extends IllegalArgumentException
{
    private final TenorReconciliation.Report report;

    public InconsistentQuotesException(TenorReconciliation.Report report)
    {
        super("Cannot fit the curve: the quotes are inconsistent (" + String.join("; ", report.describe())
                + "); fix the quotes, or ask to resolve them by least squares (--resolve)");
        this.report = requireNonNull(report, "report is null");
    }

    public TenorReconciliation.Report report()
    {
        return report;
    }

    public List<String> lines()
    {
        return report.describe();
    }
}
