package io.energylakehouse.curves;

import io.energylakehouse.common.calendar.PeakBlock;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The periods of a curve, local days or elapsed hours of a market's zone over {@code [firstDate, endDate)},
 * with each period's delivery weight per profile. Period {@code i} sits at time coordinate {@code i} (days
 * or hours since the first period), so the spline sees real elapsed time: a 23-hour day has 23 hourly
 * periods, a 25-hour day 25.
 */
public final class DeliveryGrid
{
    private final MarketCalendar calendar;
    private final Granularity granularity;
    private final Weighting weighting;
    private final LocalDate firstDate;
    private final LocalDate endDate;
    private final List<ZonedDateTime> starts;
    private final int[] dayStartIndex;
    private final double[] baseWeights;
    private final double[] peakWeights;
    private final double[] offPeakWeights;
    private final boolean[] peakHours;

    private DeliveryGrid(MarketCalendar calendar, Granularity granularity, Weighting weighting, LocalDate firstDate, LocalDate endDate)
    {
        this.calendar = requireNonNull(calendar, "calendar is null");
        this.granularity = requireNonNull(granularity, "granularity is null");
        this.weighting = requireNonNull(weighting, "weighting is null");
        this.firstDate = requireNonNull(firstDate, "firstDate is null");
        this.endDate = requireNonNull(endDate, "endDate is null");
        if (!endDate.isAfter(firstDate)) {
            throw new IllegalArgumentException("Cannot build a delivery grid: end " + endDate + " is not after start " + firstDate);
        }
        int days = Math.toIntExact(ChronoUnit.DAYS.between(firstDate, endDate));
        this.dayStartIndex = new int[days + 1];
        this.starts = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        List<Double> offPeak = new ArrayList<>();
        List<Boolean> isPeak = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            LocalDate date = firstDate.plusDays(day);
            dayStartIndex[day] = starts.size();
            ZonedDateTime dayStart = date.atStartOfDay(calendar.zone());
            ZonedDateTime dayEnd = date.plusDays(1).atStartOfDay(calendar.zone());
            int hoursInDay = Math.toIntExact(Duration.between(dayStart, dayEnd).toHours());
            int dayPeakHours = calendar.peakBlock().map(block -> block.peakHours(date)).orElse(0);
            if (granularity == Granularity.DAY) {
                starts.add(dayStart);
                isPeak.add(dayPeakHours > 0);
                if (weighting == Weighting.HOURS) {
                    base.add((double) hoursInDay);
                    peak.add((double) dayPeakHours);
                    offPeak.add((double) (hoursInDay - dayPeakHours));
                }
                else {
                    base.add(1.0);
                    peak.add(dayPeakHours > 0 ? 1.0 : 0.0);
                    offPeak.add(hoursInDay - dayPeakHours > 0 ? 1.0 : 0.0);
                }
                continue;
            }
            int dayOffPeakHours = hoursInDay - dayPeakHours;
            for (int hour = 0; hour < hoursInDay; hour++) {
                ZonedDateTime hourStart = dayStart.plusHours(hour);
                boolean onPeak = calendar.isPeakHour(hourStart);
                starts.add(hourStart);
                isPeak.add(onPeak);
                if (weighting == Weighting.HOURS) {
                    base.add(1.0);
                    peak.add(onPeak ? 1.0 : 0.0);
                    offPeak.add(onPeak ? 0.0 : 1.0);
                }
                else {
                    // each day weighs one in every profile it has hours of, shared by those hours
                    base.add(1.0 / hoursInDay);
                    peak.add(onPeak ? 1.0 / dayPeakHours : 0.0);
                    offPeak.add(onPeak ? 0.0 : 1.0 / dayOffPeakHours);
                }
            }
        }
        dayStartIndex[days] = starts.size();
        this.baseWeights = toArray(base);
        this.peakWeights = toArray(peak);
        this.offPeakWeights = toArray(offPeak);
        this.peakHours = new boolean[isPeak.size()];
        for (int i = 0; i < peakHours.length; i++) {
            peakHours[i] = isPeak.get(i);
        }
    }

    public static DeliveryGrid of(MarketCalendar calendar, Granularity granularity, Weighting weighting, LocalDate firstDate, LocalDate endDate)
    {
        return new DeliveryGrid(calendar, granularity, weighting, firstDate, endDate);
    }

    /** The smallest grid that covers every contract. */
    public static DeliveryGrid covering(MarketCalendar calendar, Granularity granularity, Weighting weighting, List<Contract> contracts)
    {
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("Cannot build a curve: no contracts");
        }
        LocalDate first = contracts.stream().map(Contract::deliveryStart).min(LocalDate::compareTo).orElseThrow();
        LocalDate end = contracts.stream().map(Contract::deliveryEnd).max(LocalDate::compareTo).orElseThrow();
        for (Contract contract : contracts) {
            if (contract.profile() != Profile.BASE) {
                calendar.requirePeakBlock(contract.profile());
            }
        }
        return new DeliveryGrid(calendar, granularity, weighting, first, end);
    }

    private static double[] toArray(List<Double> values)
    {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    public MarketCalendar calendar()
    {
        return calendar;
    }

    public Granularity granularity()
    {
        return granularity;
    }

    public Weighting weighting()
    {
        return weighting;
    }

    public LocalDate firstDate()
    {
        return firstDate;
    }

    public LocalDate endDate()
    {
        return endDate;
    }

    public int size()
    {
        return starts.size();
    }

    public ZonedDateTime start(int period)
    {
        return starts.get(period);
    }

    public ZonedDateTime end(int period)
    {
        if (period + 1 < starts.size()) {
            return starts.get(period + 1);
        }
        return endDate.atStartOfDay(calendar.zone());
    }

    public boolean isPeak(int period)
    {
        return peakHours[period];
    }

    /** Index of the first period of a local date in {@code [firstDate, endDate]}; {@code endDate} gives {@link #size()}. */
    public int indexOf(LocalDate date)
    {
        long day = ChronoUnit.DAYS.between(firstDate, date);
        if (day < 0 || day >= dayStartIndex.length) {
            throw new IllegalArgumentException("Cannot place date " + date + " on the curve's grid [" + firstDate + ", " + endDate + "]");
        }
        return dayStartIndex[(int) day];
    }

    /** Delivery weight of a period in a profile (hours, or a day's share, per {@link Weighting}). */
    public double weight(Profile profile, int period)
    {
        switch (profile) {
            case BASE:
                return baseWeights[period];
            case PEAK:
                return peakWeights[period];
            case OFFPEAK:
                return offPeakWeights[period];
            default:
                throw new IllegalStateException("Unknown profile " + profile);
        }
    }

    /** Total weight of a contract: the denominator of its average. */
    public double totalWeight(Contract contract)
    {
        double total = 0;
        for (int period = indexOf(contract.deliveryStart()); period < indexOf(contract.deliveryEnd()); period++) {
            total += weight(contract.profile(), period);
        }
        return total;
    }

    /** The block a peak or off-peak contract needs; fails with the market's name when there is none. */
    public PeakBlock peakBlock(Profile profile)
    {
        return calendar.requirePeakBlock(profile);
    }
}
