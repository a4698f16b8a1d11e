package io.crosskernel.api.workload;

/**
 * When a source releases requests: a deterministic, seeded sequence of arrival times.
 *
 * <p>Times are offsets in nanoseconds from the run's start. The sequence is non-decreasing and ends with
 * {@link #NO_MORE_ARRIVALS}.
 *
 * <p>Threading: stateful; owned by the one worker that polls the source. {@link #peek()} and {@link #advance()}
 * never allocate.
 */
public interface ArrivalSchedule {
    /** Returned by {@link #peek()} once the schedule has no more arrivals. */
    long NO_MORE_ARRIVALS = Long.MAX_VALUE;

    /** @return the offset of the next arrival, or {@link #NO_MORE_ARRIVALS} */
    long peek();

    /** Consumes the arrival {@link #peek()} returned. */
    void advance();

    /** A fresh copy positioned at the first arrival, with the same seed: the same sequence again. */
    ArrivalSchedule copy();

    /** A short human description, e.g. {@code constant 1k/s}. */
    String describe();
}
