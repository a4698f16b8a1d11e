package io.crosskernel.cli.html;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One axis of a {@link LineChart}: the range it shows, whether it is logarithmic, and its labelled ticks. Immutable.
 *
 * @param title       the axis title, with its unit
 * @param min         the value at the axis origin (above zero when logarithmic)
 * @param max         the value at the far end (above {@code min})
 * @param logarithmic true to place values by their base-10 logarithm
 * @param ticks       labelled grid lines, in increasing order
 */
record Axis(String title, double min, double max, boolean logarithmic, List<Tick> ticks) {

    /** A labelled grid line at {@code value}. */
    record Tick(double value, String label) {
    }

    Axis {
        if (!(max > min)) {
            throw new IllegalArgumentException("axis '" + title + "' needs max > min, got " + min + ".." + max);
        }
        if (logarithmic && min <= 0) {
            throw new IllegalArgumentException("logarithmic axis '" + title + "' needs min > 0, got " + min);
        }
        ticks = List.copyOf(ticks);
    }

    /** Where {@code value} falls along the axis: 0 at {@code min}, 1 at {@code max}, clamped to that range. */
    double fraction(double value) {
        double f;
        if (logarithmic) {
            f = (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        } else {
            f = (value - min) / (max - min);
        }
        if (Double.isNaN(f)) {
            return 0;
        }
        return Math.max(0, Math.min(1, f));
    }

    /**
     * A linear axis from zero to a round number at or above {@code maxValue}, with about five ticks at steps of 1, 2
     * or 5 times a power of ten. A {@code maxValue} of zero or less (nothing recorded) gives 0..1.
     */
    static Axis linear(String title, double maxValue, DoubleFunction<String> label) {
        double top = maxValue > 0 && Double.isFinite(maxValue) ? maxValue : 1;
        double step = niceStep(top / 5);
        double max = Math.ceil(top / step - 1e-9) * step;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i * step <= max + step / 2; i++) {
            ticks.add(new Tick(i * step, label.apply(i * step)));
        }
        return new Axis(title, 0, max, false, ticks);
    }

    /** 1, 2 or 5 times the power of ten at or just above {@code rough}. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double residual = rough / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /**
     * A logarithmic axis covering whole decades from below {@code minValue} to above {@code maxValue}, with a tick per
     * decade. Values below 1 count as 1 (latencies in nanoseconds: nothing is faster than a nanosecond).
     */
    static Axis decades(String title, double minValue, double maxValue, DoubleFunction<String> label) {
        double low = Math.max(1, minValue);
        double high = Math.max(low, maxValue);
        int first = (int) Math.floor(Math.log10(low));
        int last = (int) Math.ceil(Math.log10(high));
        if (last <= first) {
            last = first + 1;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int decade = first; decade <= last; decade++) {
            double value = Math.pow(10, decade);
            ticks.add(new Tick(value, label.apply(value)));
        }
        return new Axis(title, Math.pow(10, first), Math.pow(10, last), true, ticks);
    }

    /**
     * The percentile axis of HdrHistogram's plotter: values are {@code log10(1 / (1 - p))} ({@link
     * PercentileCurve#position(double)}), so each "nine" takes the same width: ticks 0%, 90%, 99%, 99.9%, ...
     *
     * @param nines how many nines the axis reaches (5: up to 99.999%)
     */
    static Axis percentiles(int nines) {
        if (nines < 1) {
            throw new IllegalArgumentException("a percentile axis needs at least one nine, got " + nines);
        }
        List<Tick> ticks = new ArrayList<>();
        for (int k = 0; k <= nines; k++) {
            ticks.add(new Tick(k, percentileLabel(k)));
        }
        return new Axis("percentile", 0, nines, false, ticks);
    }

    /** The percentile with {@code nines} nines: 0%, 90%, 99%, 99.9%, ... */
    static String percentileLabel(int nines) {
        if (nines == 0) {
            return "0%";
        }
        if (nines == 1) {
            return "90%";
        }
        return nines == 2 ? "99%" : "99." + "9".repeat(nines - 2) + "%";
    }
}
