package io.crosskernel.api.workload;

import io.crosskernel.api.Units;
import java.util.SplittableRandom;

/**
 * A Poisson process: exponentially distributed gaps with the given mean rate, reproducible from its seed.
 */
public final class PoissonSchedule implements ArrivalSchedule {
    private final double ratePerSecond;
    private final long seed;
    private final long offsetNanos;
    private final long untilNanos;
    private final double meanGapNanos;
    private final SplittableRandom random;
    private double next;

    public PoissonSchedule(double ratePerSecond, long seed, long offsetNanos, long untilNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond + "/s");
        }
        this.ratePerSecond = ratePerSecond;
        this.seed = seed;
        this.offsetNanos = offsetNanos;
        this.untilNanos = untilNanos;
        this.meanGapNanos = 1e9 / ratePerSecond;
        this.random = new SplittableRandom(seed);
        this.next = offsetNanos + gap();
    }

    private double gap() {
        // Inverse transform sampling; 1 - u is in (0, 1], so the log is finite.
        return -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
    }

    @Override
    public long peek() {
        long at = (long) next;
        return at < untilNanos ? at : NO_MORE_ARRIVALS;
    }

    @Override
    public void advance() {
        next += gap();
    }

    @Override
    public ArrivalSchedule copy() {
        return new PoissonSchedule(ratePerSecond, seed, offsetNanos, untilNanos);
    }

    /** The mean count: rate times the time between the first possible arrival and the end. */
    @Override
    public long expectedArrivals(long untilNanos) {
        long end = Math.min(untilNanos, this.untilNanos);
        return end <= offsetNanos ? 0 : Math.round(ratePerSecond * ((end - offsetNanos) / 1e9));
    }

    @Override
    public String describe() {
        return "poisson " + Units.formatRate(ratePerSecond);
    }

    /** The mean arrival rate. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Where the process starts, from the run's start. */
    public long offsetNanos() {
        return offsetNanos;
    }
}
