package io.energylakehouse.curves;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Times a five-year hourly PJM curve from 40 contracts (a benchmark, not a test): 12 base and 12 peak months
 * of the first year, 4 base and 4 peak quarters of the second, base and peak calendars of the next three,
 * and two base weeks in the first month. Each configuration is run once to warm up and then {@code runs}
 * times; it prints the median and the fastest.
 */
public final class CurveBenchmark
{
    private CurveBenchmark() {}

    public record Timing(String name, int periods, int points, int fitted, double medianSeconds, double bestSeconds)
    {
    }

    public static List<Contract> fortyContracts(LocalDate first)
    {
        List<Contract> contracts = new ArrayList<>();
        for (int month = 0; month < 12; month++) {
            LocalDate start = first.plusMonths(month);
            double base = 45 + 15 * Math.cos(2 * Math.PI * (start.getMonthValue() - 1) / 12.0) + (start.getMonthValue() >= 6 && start.getMonthValue() <= 8 ? 12 : 0);
            contracts.add(new Contract(start.getMonth().toString().substring(0, 3) + "-" + start.getYear(), start, start.plusMonths(1), round(base), Profile.BASE));
            contracts.add(new Contract(start.getMonth().toString().substring(0, 3) + "-" + start.getYear() + " peak", start, start.plusMonths(1), round(base * 1.32), Profile.PEAK));
        }
        for (int quarter = 0; quarter < 4; quarter++) {
            LocalDate start = first.plusYears(1).plusMonths(3L * quarter);
            double base = 50 + 8 * Math.cos(Math.PI * quarter / 2);
            contracts.add(new Contract("Q" + (quarter + 1) + "-" + start.getYear(), start, start.plusMonths(3), round(base), Profile.BASE));
            contracts.add(new Contract("Q" + (quarter + 1) + "-" + start.getYear() + " peak", start, start.plusMonths(3), round(base * 1.3), Profile.PEAK));
        }
        for (int year = 2; year < 5; year++) {
            LocalDate start = first.plusYears(year);
            contracts.add(new Contract("Cal-" + start.getYear(), start, start.plusYears(1), round(52 + year), Profile.BASE));
            contracts.add(new Contract("Cal-" + start.getYear() + " peak", start, start.plusYears(1), round((52 + year) * 1.28), Profile.PEAK));
        }
        contracts.add(new Contract("Week 2", first.plusDays(7), first.plusDays(14), round(contracts.get(0).price() * 1.04), Profile.BASE));
        contracts.add(new Contract("Week 3", first.plusDays(14), first.plusDays(21), round(contracts.get(0).price() * 0.97), Profile.BASE));
        return contracts;
    }

    private static double round(double price)
    {
        return Math.round(price * 100) / 100.0;
    }

    public static List<Timing> run(int runs)
    {
        LocalDate first = LocalDate.of(2027, 1, 1);
        List<Contract> contracts = fortyContracts(first);
        ShapeProfile shape = ShapeProfile.dayOfWeek(new double[] {1.02, 1.03, 1.03, 1.02, 1.0, 0.93, 0.88});
        CurveRequest hourly = CurveRequest.defaults(MarketCalendar.PJM, Granularity.HOUR).withShape(shape);
        List<Timing> timings = new ArrayList<>();
        timings.add(time("hourly, 40 contracts, day-of-week prior", runs, () -> ForwardCurveBuilder.build(contracts, hourly)));
        timings.add(time("hourly, same, price >= 0 (QP)", runs, () -> ForwardCurveBuilder.build(contracts, hourly.withBounds(OptionalDouble.of(0), OptionalDouble.empty()))));
        timings.add(time("daily base/peak curves, same quotes", runs, () -> ForwardCurveBuilder.build(contracts, CurveRequest.defaults(MarketCalendar.PJM, Granularity.DAY))));
        return timings;
    }

    private static Timing time(String name, int runs, Supplier<ForwardCurve> fit)
    {
        ForwardCurve curve = fit.get();
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            curve = fit.get();
            seconds[run] = (System.nanoTime() - started) / 1e9;
        }
        Arrays.sort(seconds);
        int periods = curve.fits().stream().mapToInt(fitted -> fitted.grid().size()).max().orElse(0);
        return new Timing(name, periods, curve.points().size(), curve.fittedContracts().size(), seconds[runs / 2], seconds[0]);
    }

    public static String format(List<Timing> timings)
    {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-42s %8s %8s %7s %9s %9s%n", "curve", "periods", "points", "fitted", "median s", "best s"));
        for (Timing timing : timings) {
            out.append(String.format(Locale.ROOT, "%-42s %8d %8d %7d %9.3f %9.3f%n", timing.name(), timing.periods(), timing.points(), timing.fitted(),
                    timing.medianSeconds(), timing.bestSeconds()));
        }
        return out.toString();
    }
}
