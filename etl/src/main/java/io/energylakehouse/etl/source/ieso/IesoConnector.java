package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReportOutput;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.LocationAttributes;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IESO (Ontario) behind the connector SPI: the public reports of the renewed market (day-ahead hourly and real-time
 * five-minute energy LMPs, the day-ahead and real-time Ontario zonal price) and HOEP before it, their parser, curation
 * step and live download from reports-public.ieso.ca.
 *
 * <p>Datasets: {@code da_hourly} (day-ahead LMPs of nodes, and the day-ahead Ontario zonal price of {@code ONTARIO}),
 * {@code rt_5min} (real-time LMPs of nodes, and the real-time Ontario zonal price of {@code ONTARIO}) and
 * {@code rt_hourly} (HOEP of {@code ONTARIO}, before 2025-05-01). Each dataset and location gets rows from one report
 * only: the LMP files price nodes, the zonal files and HOEP the zone {@code ONTARIO}, and HOEP has a dataset of its own.
 * The published hub tables are made of the Ontario zonal price: {@code da_hourly} and {@code rt_5min} of location type
 * {@code zone}.
 */
public final class IesoConnector
        implements MarketConnector
{
    private static final List<MarketReport> REPORTS = Arrays.stream(IesoReport.values())
            .map(report -> new MarketReport(report.reportName(), report.title() + " (" + report.directory() + ")", IesoMarket.SOURCE, report.directory(),
                    IesoTables.rawTable(report), List.of(ReportOutput.of(CanonicalTables.MARKET_PRICES, report.dataset(), report.intervalMinutes()))))
            .toList();

    @Override
    public Market market()
    {
        return Markets.IESO;
    }

    @Override
    public List<MarketReport> reports()
    {
        return REPORTS;
    }

    /** The Ontario zonal price: day-ahead hourly and real-time five-minute, location {@code ONTARIO}, type {@code zone}. */
    /** HOEP's last day, the first day of the renewed market, and a day of it whose real-time files the samples hold. */
    @Override
    public List<LocalDate> demoDates()
    {
        return io.energylakehouse.etl.connector.SampleFiles.withOrdinaryDay(List.of(LocalDate.of(2025, 4, 30), LocalDate.of(2025, 5, 1), LocalDate.of(2025, 11, 1),
                LocalDate.of(2025, 11, 2)));
    }

    @Override
    public Optional<HubDatasets> hubDatasets()
    {
        return Optional.of(new HubDatasets(IesoReport.DA_ONTARIO_ZONAL_PRICE.dataset(), IesoReport.RT_ONTARIO_ZONAL_PRICE.dataset(),
                IesoReport.RT_ONTARIO_ZONAL_PRICE.intervalMinutes(), IesoMarket.ZONE));
    }

    @Override
    public PayloadParser parser(MarketReport report, PayloadLimits limits)
    {
        return new IesoParser(limits);
    }

    @Override
    public LiveFetch live(List<MarketReport> reports, LocalDate first, LocalDate last, List<String> locations, Settings settings)
    {
        if (!locations.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch IESO locations %s alone: IESO's files hold every pricing location; leave out --nodes", locations);
        }
        IesoLiveSource source = IesoLiveSource.of(settings);
        List<IesoLiveSource.Request> requests = IesoLiveSource.plan(reports.stream().map(report -> IesoReport.fromName(report.requestName())).toList(), first,
                last, Instant.now());
        return new LiveFetch(String.format("%d IESO public report downloads, at least %s apart", requests.size(), source.settings().requestPause()),
                source.payloads(requests));
    }

    /** Labelled synthetic files: {@code locations - 1} pricing locations besides the Ontario zonal price. */
    @Override
    public Optional<SampleWriter> samples()
    {
        return Optional.of((folder, days, locations, seed) -> new SyntheticIeso(seed).write(folder, days, locations));
    }

    @Override
    public CanonicalPrices canonical(MarketReport report, List<? extends RawRecord> records, Instant publishedAtUtc, String fetchId)
    {
        @SuppressWarnings("unchecked")
        List<IesoPriceRecord> prices = (List<IesoPriceRecord>) records;
        return IesoPayloadPrices.canonical(prices, IesoReport.fromName(report.requestName()), publishedAtUtc, fetchId);
    }

    /**
     * A pricing location: IESO's suffix ({@code LMP}) as its type code (the files give no other name); the Ontario-wide
     * price of the zonal reports and HOEP: one location named {@code Ontario}, the same from every report.
     */
    @Override
    public Optional<LocationAttributes> locationAttributes(MarketReport report, RawRecord record)
    {
        IesoPriceRecord price = (IesoPriceRecord) record;
        if (price.report().isOntarioWide()) {
            return Optional.of(new LocationAttributes(IesoMarket.ONTARIO, IesoMarket.ONTARIO_NAME, null, null));
        }
        return Optional.of(new LocationAttributes(price.locationId(), null, price.locationSuffix(), null));
    }

    @Override
    public RawRecord record(MarketReport report, RawFields row)
    {
        IesoReport ieso = IesoReport.fromName(report.requestName());
        Object[] values = new Object[IesoTables.Field.values().length];
        for (IesoTables.Column column : IesoTables.columns(ieso)) {
            values[column.field().ordinal()] = switch (column.field()) {
                case SOURCE_INDEX, DELIVERY_HOUR, INTERVAL -> row.integer(column.name());
                case INTERVAL_START_UTC, INTERVAL_END_UTC, CREATED_AT_UTC -> row.instant(column.name());
                case DELIVERY_DATE -> row.date(column.name());
                case PRICING_LOCATION, FLAG -> row.string(column.name());
                case PRICE, LOSS, CONGESTION -> row.doubleValue(column.name());
            };
        }
        return new IesoPriceRecord(ieso, (Integer) values[IesoTables.Field.SOURCE_INDEX.ordinal()], (Instant) values[IesoTables.Field.INTERVAL_START_UTC.ordinal()],
                (Instant) values[IesoTables.Field.INTERVAL_END_UTC.ordinal()], (LocalDate) values[IesoTables.Field.DELIVERY_DATE.ordinal()],
                (Integer) values[IesoTables.Field.DELIVERY_HOUR.ordinal()], (Integer) values[IesoTables.Field.INTERVAL.ordinal()],
                (String) values[IesoTables.Field.PRICING_LOCATION.ordinal()], (Double) values[IesoTables.Field.PRICE.ordinal()],
                (Double) values[IesoTables.Field.LOSS.ordinal()], (Double) values[IesoTables.Field.CONGESTION.ordinal()],
                (String) values[IesoTables.Field.FLAG.ordinal()], (Instant) values[IesoTables.Field.CREATED_AT_UTC.ordinal()]);
    }

    /**
     * Of replayed files, those of the reports (all when empty) and of the operating days {@code first..last} by their
     * names (a day file by its day, an hour file by its day, every version alike); an undated latest file, or a file
     * whose name is not IESO's, is kept.
     */
    @Override
    public List<Path> select(List<Path> files, LocalDate first, LocalDate last, List<MarketReport> reports)
    {
        return MarketConnector.super.select(files, first, last, reports).stream()
                .filter(file -> IesoFileName.parse(file.getFileName().toString())
                        .flatMap(IesoFileName::day)
                        .map(day -> !day.isBefore(first) && !day.isAfter(last))
                        .orElse(true))
                .toList();
    }

    /** The report a file holds by its name ({@code PUB_RealtimeOntarioZonalPrice_2025050210_v2.xml}), else by the default rule. */
    @Override
    public Optional<MarketReport> reportOfFile(String fileName)
    {
        return IesoFileName.parse(fileName)
                .flatMap(name -> REPORTS.stream().filter(report -> report.name().equals(name.report().reportName())).findFirst())
                .or(() -> MarketConnector.super.reportOfFile(fileName));
    }
}
