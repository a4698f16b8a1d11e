package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.Units;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A distribution of durations given by a few percentiles (p0 ... p100), sampled by inverse transform with linear
 * interpolation between the given points: the form both a calibration's hop latency and a noise file's hiccup
 * durations take, because it is the form a latency report prints.
 *
 * <p>Immutable and thread-safe; {@link #sample} allocates nothing (the caller owns the random generator).
 */
public final class Distribution {
    private final double[] percentiles;
    private final long[] nanos;
    /** Per segment {@code i} (from point {@code i - 1} to {@code i}), nanoseconds per percentile point. */
    private final double[] slopes;
    /** All points equal: every draw is that value, and takes no random number. */
    private final boolean constant;

    /**
     * @param percentiles strictly increasing, from 0 to 100 inclusive (the first must be 0, the last 100)
     * @param nanos       the value at each percentile, not decreasing, not negative
     */
    public Distribution(double[] percentiles, long[] nanos) {
        if (percentiles.length != nanos.length || percentiles.length == 0) {
            throw new IllegalArgumentException("one value per percentile, at least one");
        }
        if (percentiles[0] != 0 || percentiles[percentiles.length - 1] != 100) {
            throw new IllegalArgumentException("percentiles must run from 0 to 100");
        }
        for (int i = 1; i < percentiles.length; i++) {
            if (percentiles[i] <= percentiles[i - 1] || nanos[i] < nanos[i - 1]) {
                throw new IllegalArgumentException("percentiles and values must increase");
            }
        }
        if (nanos[0] < 0) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        this.percentiles = percentiles.clone();
        this.nanos = nanos.clone();
        this.slopes = new double[nanos.length];
        for (int i = 1; i < nanos.length; i++) {
            slopes[i] = (nanos[i] - nanos[i - 1]) / (percentiles[i] - percentiles[i - 1]);
        }
        this.constant = nanos[0] == nanos[nanos.length - 1];
    }

    /** Always {@code value}. */
    public static Distribution constant(long value) {
        return new Distribution(new double[] {0, 100}, new long[] {value, value});
    }

    /**
     * One draw: a uniform percentile, then the value on the segment it falls in, rounded half up (the offset into the
     * segment is never negative, so adding a half and truncating rounds it as {@code Math.round} would, cheaper).
     * A simulated run draws once per channel message and per park of an idle worker.
     */
    public long sample(SplittableRandom random) {
        if (constant) {
            return nanos[0];
        }
        double p = random.nextDouble() * 100;
        int i = 1;
        while (percentiles[i] < p) {
            i++;
        }
        return nanos[i - 1] + (long) ((p - percentiles[i - 1]) * slopes[i] + 0.5);
    }

    /** The value at the 50th percentile (interpolated). */
    public long median() {
        int i = 1;
        while (percentiles[i] < 50) {
            i++;
        }
        double f = (50 - percentiles[i - 1]) / (percentiles[i] - percentiles[i - 1]);
        return nanos[i - 1] + Math.round(f * (nanos[i] - nanos[i - 1]));
    }

    /** For reports: {@code 76ns} or {@code p0 60ns, p50 76ns, ..., p100 1.3us}. */
    public String describe() {
        if (nanos[0] == nanos[nanos.length - 1]) {
            return Units.formatNanos(nanos[0]);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nanos.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            double p = percentiles[i];
            out.append('p').append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)).append(' ')
                    .append(Units.formatNanos(nanos[i]));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && Arrays.equals(percentiles, d.percentiles)
                && Arrays.equals(nanos, d.nanos);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(percentiles) + Arrays.hashCode(nanos);
    }

    @Override
    public String toString() {
        return describe();
    }
}
