package io.crosskernel.api.workload;

import io.crosskernel.api.Units;

/**
 * {@code count} arrivals at the same instant {@code atNanos}, repeated every {@code everyNanos} (0: once).
 */
public final class BurstSchedule implements ArrivalSchedule {
    private final long atNanos;
    private final int count;
    private final long everyNanos;
    private final long untilNanos;
    private long burstStart;
    private int releasedInBurst;

    public BurstSchedule(long atNanos, int count, long everyNanos, long untilNanos) {
        if (atNanos < 0 || count < 1 || everyNanos < 0) {
            throw new IllegalArgumentException("a burst needs at >= 0, count >= 1 and every >= 0, got at="
                    + atNanos + "ns count=" + count + " every=" + everyNanos + "ns");
        }
        this.atNanos = atNanos;
        this.count = count;
        this.everyNanos = everyNanos;
        this.untilNanos = untilNanos;
        this.burstStart = atNanos;
    }

    @Override
    public long peek() {
        if (burstStart == NO_MORE_ARRIVALS || burstStart >= untilNanos) {
            return NO_MORE_ARRIVALS;
        }
        return burstStart;
    }

    @Override
    public void advance() {
        if (++releasedInBurst == count) {
            releasedInBurst = 0;
            burstStart = everyNanos == 0 ? NO_MORE_ARRIVALS : burstStart + everyNanos;
        }
    }

    @Override
    public ArrivalSchedule copy() {
        return new BurstSchedule(atNanos, count, everyNanos, untilNanos);
    }

    @Override
    public long expectedArrivals(long untilNanos) {
        long end = Math.min(untilNanos, this.untilNanos);
        if (end <= atNanos) {
            return 0;
        }
        long bursts = everyNanos == 0 ? 1 : (end - atNanos + everyNanos - 1) / everyNanos;
        return bursts * count;
    }

    @Override
    public String describe() {
        return count + " at " + Units.formatNanos(atNanos)
                + (everyNanos == 0 ? "" : ", every " + Units.formatNanos(everyNanos));
    }

    /** When the first burst is released, from the run's start. */
    public long atNanos() {
        return atNanos;
    }

    /** Requests per burst. */
    public int count() {
        return count;
    }

    /** Time between bursts; 0 for a single burst. */
    public long everyNanos() {
        return everyNanos;
    }
}
