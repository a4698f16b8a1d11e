package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.workload.ArrivalSchedule;

/**
 * Arrivals replayed at the offsets a real run recorded them (a journal's INGRESS entries, see
 * {@link IngressArrivals}): what an {@code ingress:} workload's socket received, released in a simulated run as a
 * synthetic source's arrivals are. No offsets at all is a schedule that releases nothing.
 *
 * <p>Threading: stateful; owned by the worker that polls the source, like every schedule. The offsets are shared
 * between copies and never written after construction.
 */
public final class RecordedArrivals implements ArrivalSchedule {
    private final long[] offsets;
    private final String description;
    private int next;

    /**
     * @param offsets     arrival offsets from the run's start, non-decreasing (not copied: the caller hands them over)
     * @param description what {@link #describe()} says, e.g. where the arrivals were recorded
     */
    RecordedArrivals(long[] offsets, String description) {
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1]) {
                throw new IllegalArgumentException("recorded arrivals go back in time at " + i);
            }
        }
        this.offsets = offsets;
        this.description = description;
    }

    @Override
    public long peek() {
        return next < offsets.length ? offsets[next] : NO_MORE_ARRIVALS;
    }

    @Override
    public void advance() {
        next++;
    }

    @Override
    public ArrivalSchedule copy() {
        return new RecordedArrivals(offsets, description);
    }

    @Override
    public String describe() {
        return description;
    }

    /** Exact: the recorded arrivals before {@code untilNanos}. */
    @Override
    public long expectedArrivals(long untilNanos) {
        long count = 0;
        for (long offset : offsets) {
            if (offset < untilNanos) {
                count++;
            }
        }
        return count;
    }

    /** How many arrivals it releases in all. */
    int size() {
        return offsets.length;
    }
}
