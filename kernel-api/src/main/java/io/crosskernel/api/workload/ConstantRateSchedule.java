package io.crosskernel.api.workload;

import io.crosskernel.api.Units;

/** Arrivals every {@code periodNanos}, the first at {@code offsetNanos}: periodic tasks and constant-rate streams. */
public final class ConstantRateSchedule implements ArrivalSchedule {
    private final long periodNanos;
    private final long offsetNanos;
    private final long untilNanos;
    private long next;

    /**
     * @param untilNanos no arrival at or after this offset ({@link #NO_MORE_ARRIVALS} for none)
     */
    public ConstantRateSchedule(long periodNanos, long offsetNanos, long untilNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, got " + periodNanos + "ns");
        }
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offsetNanos + "ns");
        }
        this.periodNanos = periodNanos;
        this.offsetNanos = offsetNanos;
        this.untilNanos = untilNanos;
        this.next = offsetNanos;
    }

    @Override
    public long peek() {
        return next < untilNanos ? next : NO_MORE_ARRIVALS;
    }

    @Override
    public void advance() {
        next += periodNanos;
    }

    @Override
    public ArrivalSchedule copy() {
        return new ConstantRateSchedule(periodNanos, offsetNanos, untilNanos);
    }

    @Override
    public String describe() {
        return "every " + Units.formatNanos(periodNanos);
    }

    @Override
    public long expectedArrivals(long untilNanos) {
        long end = Math.min(untilNanos, this.untilNanos);
        return end <= offsetNanos ? 0 : (end - offsetNanos + periodNanos - 1) / periodNanos;
    }

    /** Time between arrivals. */
    public long periodNanos() {
        return periodNanos;
    }

    /** The first arrival, from the run's start. */
    public long offsetNanos() {
        return offsetNanos;
    }
}
