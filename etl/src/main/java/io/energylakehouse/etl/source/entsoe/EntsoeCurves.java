package io.energylakehouse.etl.source.entsoe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intervals a document's points stand for. A point of curve type A01 stands for its own interval. Curve type A03
 * (variable sized blocks) sends a run of equal values once, at the run's first position: a missing position repeats
 * the previous position's value up to the next point or the period's end, and is emitted as a filled interval. A
 * period whose first position is missing has nothing to repeat: its leading intervals stay missing.
 */
final class EntsoeCurves
{
    private EntsoeCurves() {}

    /** One interval of a period: the point it comes from, and whether it repeats that point's value (an A03 gap). */
    record Interval(EntsoePointRecord point, Instant startUtc, Instant endUtc, boolean filled)
    {
        int minutes()
        {
            return (int) Duration.between(startUtc, endUtc).toMinutes();
        }
    }

    /** Every interval of the records' periods, period by period in document order. */
    static List<Interval> intervals(List<EntsoePointRecord> records)
    {
        Map<PeriodKey, TreeMap<Integer, EntsoePointRecord>> periods = new LinkedHashMap<>();
        List<Interval> intervals = new ArrayList<>(records.size());
        for (EntsoePointRecord record : records) {
            periods.computeIfAbsent(new PeriodKey(record.timeSeriesNumber(), record.periodStartUtc(), record.periodEndUtc(), record.resolution()),
                    key -> new TreeMap<>()).merge(record.position(), record, (first, second) -> {
                        // a position sent twice: both are kept as intervals, for curation to judge as duplicates
                        intervals.add(new Interval(second, second.intervalStartUtc(), second.intervalEndUtc(), false));
                        return first;
                    });
        }
        for (Map.Entry<PeriodKey, TreeMap<Integer, EntsoePointRecord>> period : periods.entrySet()) {
            TreeMap<Integer, EntsoePointRecord> points = period.getValue();
            EntsoePointRecord first = points.firstEntry().getValue();
            if (!first.isVariableSizedBlocks()) {
                points.values().forEach(point -> intervals.add(new Interval(point, point.intervalStartUtc(), point.intervalEndUtc(), false)));
                continue;
            }
            Duration resolution = first.resolutionLength();
            int slots = (int) (Duration.between(period.getKey().start(), period.getKey().end()).toMinutes() / resolution.toMinutes());
            EntsoePointRecord previous = null;
            for (int position = 1; position <= slots; position++) {
                EntsoePointRecord point = points.get(position);
                if (point != null) {
                    intervals.add(new Interval(point, point.intervalStartUtc(), point.intervalEndUtc(), false));
                    previous = point;
                }
                else if (previous != null) {
                    Instant start = period.getKey().start().plus(resolution.multipliedBy(position - 1L));
                    intervals.add(new Interval(previous, start, start.plus(resolution), true));
                }
            }
        }
        return intervals;
    }

    private record PeriodKey(int timeSeriesNumber, Instant start, Instant end, String resolution) {}
}
