package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReportOutput;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawRecord;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** ERCOT behind the connector SPI: the settlement point price reports (MIS documents and public API pages), their parser and curation step. */
public final class ErcotConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(ErcotReport.values())
            .map(report -> new MarketReport(report.reportName(), report.title() + " (" + report.emilId() + ")", ErcotMarket.SOURCE, report.emilId(),
                    ErcotTables.rawTable(report), List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.ERCOT;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new ErcotSppParser(limits);
    }

    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticErcot(seed).write(folder, days, SyntheticErcot.settlementPoints(locations)));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<ErcotSppRecord> sppRecords = (List<ErcotSppRecord>) records;
        return ErcotPayloadPrices.canonical(sppRecords, ErcotReport.fromName(report.requestName()), publishedAtUtc, fetchId);
    }
}
