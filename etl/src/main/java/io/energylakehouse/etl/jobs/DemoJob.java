package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.source.caiso.CaisoConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The whole pipeline of one market on one lakehouse: synthetic sample files in the operator's format (or real files a
 * user supplies, or live fetches) are landed, the days they cover are curated, and the hub datasets are published. The
 * demo command runs it for each market with a sample generator, in one Spark session.
 */
public final class DemoJob
{
    private static final Logger log = LoggerFactory.getLogger(DemoJob.class);

    /** A spring-forward week-end and a fall-back week-end: 23-, 24- and 25-hour days (the North American markets' demo days). */
    public static final List<LocalDate> DEFAULT_DATES = io.energylakehouse.etl.connector.SampleFiles.NORTH_AMERICAN_DST_WEEKENDS;
    public static final int DEFAULT_NODES = 50;
    public static final long SAMPLE_SEED = 20240310L;

    /**
     * @param syntheticDates days to generate sample files for (empty: none)
     * @param replayFiles files or folders of real OASIS files to land as well
     * @param live payloads fetched from OASIS (empty iterator when offline)
     */
    public record Options(MarketConnector connector, List<LocalDate> syntheticDates, int syntheticNodes, Path sampleFolder, List<Path> replayFiles,
            Iterator<Payload> live)
    {
        public Options
        {
            requireNonNull(connector, "connector is null");
            syntheticDates = List.copyOf(syntheticDates);
            requireNonNull(sampleFolder, "sampleFolder is null");
            replayFiles = List.copyOf(replayFiles);
            requireNonNull(live, "live is null");
            if (!syntheticDates.isEmpty() && connector.samples().isEmpty()) {
                throw LakehouseException.userError("Cannot generate samples for %s: it has no sample generator", connector.market().code());
            }
        }

        /** CAISO's demo. */
        public Options(List<LocalDate> syntheticDates, int syntheticNodes, Path sampleFolder, List<Path> replayFiles, Iterator<Payload> live)
        {
            this(new CaisoConnector(), syntheticDates, syntheticNodes, sampleFolder, replayFiles, live);
        }
    }

    public record Stage(String name, long rows, Duration elapsed) {}

    /** @param sampleFolder where the synthetic files are, empty when none were generated */
    public record Result(String market, LandingResult landing, List<CurateResult> curated, PublishResult published, List<Stage> stages, Optional<Path> sampleFolder)
    {
        public Result
        {
            curated = List.copyOf(curated);
            stages = List.copyOf(stages);
        }
    }

    private final Lakehouse lakehouse;

    public DemoJob(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public Result run(Options options)
    {
        return run(options, false);
    }

    /** @param force curate and publish again even where nothing changed (same rows, new snapshots) */
    public Result run(Options options, boolean force)
    {
        return finish(land(options), force);
    }

    /** A market's input generated and landed: what {@link #finish} curates and publishes. */
    public record Landed(Options options, List<Path> synthetic, LandingResult landing, List<Stage> stages) {}

    /**
     * Generates the market's sample files and lands them with the other input. Touches only the market's raw tables, the
     * fetch log and the quarantine, so it may run while another market is curated or published.
     */
    public Landed land(Options options)
    {
        MarketConnector connector = options.connector();
        String code = connector.market().code();
        List<Stage> stages = new ArrayList<>();
        long started = System.nanoTime();
        List<Path> synthetic = options.syntheticDates().isEmpty() ? List.of()
                : connector.samples().orElseThrow().write(options.sampleFolder(), options.syntheticDates(), options.syntheticNodes(), SAMPLE_SEED);
        stages.add(new Stage("generate", synthetic.size(), elapsedSince(started)));
        log.info("Stage generate: {} SYNTHETIC {} files in {}", synthetic.size(), code, options.sampleFolder());

        started = System.nanoTime();
        MarketPipeline pipeline = new MarketPipeline(lakehouse, connector);
        List<Path> replay = ReplayFiles.list(options.replayFiles());
        Iterator<Payload> payloads = concat(List.of(
                ReplayFiles.payloads(connector, synthetic, Optional.empty(), Payload.Origin.SYNTHETIC),
                ReplayFiles.payloads(connector, replay, Optional.empty(), Payload.Origin.REPLAY),
                options.live()));
        LandingResult landing = pipeline.land(payloads);
        stages.add(new Stage("ingest", landing.rowsParsed(), elapsedSince(started)));
        if (landing.operatingDates().isEmpty()) {
            throw LakehouseException.userError("Cannot run the %s demo: the input holds no price records (%d payloads, outcomes %s)", code,
                    landing.payloadsNew() + landing.payloadsAlreadyLanded(), landing.outcomes());
        }
        return new Landed(options, synthetic, landing, stages);
    }

    /** Curates the days the landing covered and publishes the market's hub datasets. */
    public Result finish(Landed landed, boolean force)
    {
        MarketConnector connector = landed.options().connector();
        MarketPipeline pipeline = new MarketPipeline(lakehouse, connector);
        List<Stage> stages = new ArrayList<>(landed.stages());
        long started = System.nanoTime();
        List<CurateResult> curated = pipeline.curate(connector.reports(), new ArrayList<>(new TreeSet<>(landed.landing().operatingDates())), force);
        stages.add(new Stage("curate", curated.stream().mapToLong(CurateResult::rowsWritten).sum(), elapsedSince(started)));

        started = System.nanoTime();
        PublishResult published = pipeline.publish(force);
        stages.add(new Stage("publish", published.exports().stream().mapToLong(export -> export.rows()).sum(), elapsedSince(started)));
        return new Result(connector.market().code(), landed.landing(), curated, published, stages,
                landed.synthetic().isEmpty() ? Optional.empty() : Optional.of(landed.options().sampleFolder()));
    }

    private static Duration elapsedSince(long startNanos)
    {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static <T> Iterator<T> concat(List<Iterator<T>> iterators)
    {
        return new Iterator<>()
        {
            private int index;

            @Override
            public boolean hasNext()
            {
                while (index < iterators.size() && !iterators.get(index).hasNext()) {
                    index++;
                }
                return index < iterators.size();
            }

            @Override
            public T next()
            {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return iterators.get(index).next();
            }
        };
    }
}
