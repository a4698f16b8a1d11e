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

    /**
     * How many arrivals this schedule releases before offset {@code untilNanos}, for estimates made before a run
     * (the disk space a journal or a log will take). Exact for deterministic schedules, the mean for random ones.
     * The default counts a {@link #copy()}, up to {@link #ESTIMATE_COUNT_LIMIT} arrivals (then it returns that
     * many: a lower bound); schedules that can compute the figure override it.
     *
     * <p>Threading: any thread; it never touches this schedule's own position.
     */
    default long expectedArrivals(long untilNanos) {
        ArrivalSchedule counter = copy();
        long count = 0;
        while (count < ESTIMATE_COUNT_LIMIT && counter.peek() < untilNanos) {
            counter.advance();
            count++;
        }
        return count;
    }

    /** Most arrivals {@link #expectedArrivals(long)}'s default counts one by one. */
    long ESTIMATE_COUNT_LIMIT = 10_000_000;
}
