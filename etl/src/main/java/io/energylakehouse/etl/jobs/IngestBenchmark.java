package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.source.caiso.CaisoConnector;
import io.energylakehouse.etl.source.caiso.CaisoFiles;
import io.energylakehouse.etl.source.caiso.CaisoTables;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.caiso.OasisReport;
import io.energylakehouse.etl.source.caiso.SyntheticOasis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Measures parse -> raw -> curated on generated OASIS files: N days of day-ahead (one file a day) and
 * real-time 5-minute prices (one file an hour) for M nodes. A benchmark: it reports numbers, asserts nothing.
 */
public final class IngestBenchmark
{
    public record Stage(String name, long inputRows, long outputRows, Duration elapsed, long bytes)
    {
        public double rowsPerSecond()
        {
            return inputRows / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    public record Result(int days, int nodes, int files, List<Stage> stages) {}

    private final Lakehouse lakehouse;

    public IngestBenchmark(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public Result run(LocalDate firstDay, int days, int nodes, Path sampleFolder)
    {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            dates.add(firstDay.plusDays(i));
        }
        List<Stage> stages = new ArrayList<>();

        long started = System.nanoTime();
        List<Path> files = new SyntheticOasis(DemoJob.SAMPLE_SEED).write(sampleFolder, dates, SyntheticOasis.nodes(nodes));
        long bytes = files.stream().mapToLong(IngestBenchmark::size).sum();
        stages.add(new Stage("generate files", 0, files.size(), since(started), bytes));

        started = System.nanoTime();
        long parsedRows = 0;
        OasisLmpParser parser = new OasisLmpParser();
        for (Iterator<Payload> payloads = CaisoFiles.payloads(files, Optional.empty(), Payload.Origin.SYNTHETIC); payloads.hasNext(); ) {
            ParsedPayload parsed = parser.parse(payloads.next());
            parsedRows += parsed.records().size();
        }
        stages.add(new Stage("parse (pure Java)", parsedRows, parsedRows, since(started), bytes));

        started = System.nanoTime();
        CaisoConnector connector = new CaisoConnector();
        MarketPipeline pipeline = new MarketPipeline(lakehouse, connector);
        LandingResult landing = pipeline.land(CaisoFiles.payloads(files, Optional.empty(), Payload.Origin.SYNTHETIC));
        stages.add(new Stage("raw (parse + land)", landing.rowsParsed(), landing.rowsParsed(), since(started), bytes));

        for (OasisReport report : List.of(OasisReport.PRC_LMP, OasisReport.PRC_INTVL_LMP)) {
            started = System.nanoTime();
            CurateResult curated = pipeline.curate(List.of(connector.report(report.queryName())), dates).get(0);
            // Input: the raw rows (one per node, interval and LMP_TYPE) the run read; output: curated rows.
            long rawRows = lakehouse.read(CaisoTables.rawTable(report)).count();
            stages.add(new Stage("curate " + report.dataset(), rawRows, curated.rowsWritten(), since(started), 0));
        }
        return new Result(days, nodes, files.size(), stages);
    }

    private static Duration since(long startNanos)
    {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (java.io.IOException e) {
            return 0;
        }
    }
}
