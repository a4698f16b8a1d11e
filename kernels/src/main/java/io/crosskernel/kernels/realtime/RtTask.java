package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Units;
import java.util.Objects;

/**
 * One real-time task: a periodic task released every {@code periodNanos}, or a sporadic task whose jobs arrive no
 * more often than every {@code periodNanos} (its minimum inter-arrival time).
 *
 * <p>Every job of the task may execute for at most {@code costNanos} (its budget, the worst-case execution time the
 * analysis assumes) and must finish within {@code deadlineNanos} of its release. A periodic task's k-th job is
 * released at {@code start + offsetNanos + k * periodNanos}; a sporadic task ignores the offset.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name          unique within a task set; shown in admission messages
 * @param periodNanos   period, or minimum inter-arrival time if {@code sporadic}; above zero
 * @param costNanos     budget (worst-case execution time); above zero
 * @param deadlineNanos relative deadline; above zero (commonly equal to the period)
 * @param offsetNanos   first release of a periodic task relative to the scheduler's start; zero or more
 * @param sporadic      jobs are released on demand rather than by the clock
 */
public record RtTask(String name, long periodNanos, long costNanos, long deadlineNanos, long offsetNanos,
        boolean sporadic) {

    public RtTask {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a real-time task needs a name");
        }
        requirePositive(name, "period", periodNanos);
        requirePositive(name, "cost", costNanos);
        requirePositive(name, "deadline", deadlineNanos);
        if (offsetNanos < 0) {
            throw new IllegalArgumentException("task '" + name + "': offset must not be negative, got "
                    + Units.formatNanos(offsetNanos));
        }
    }

    /** A periodic task with implicit deadline (D = T) and no offset. */
    public static RtTask periodic(String name, long periodNanos, long costNanos) {
        return new RtTask(name, periodNanos, costNanos, periodNanos, 0, false);
    }

    /** A periodic task with a constrained or arbitrary deadline and no offset. */
    public static RtTask periodic(String name, long periodNanos, long costNanos, long deadlineNanos) {
        return new RtTask(name, periodNanos, costNanos, deadlineNanos, 0, false);
    }

    /** A sporadic task: jobs at least {@code minInterArrivalNanos} apart, each due {@code deadlineNanos} later. */
    public static RtTask sporadic(String name, long minInterArrivalNanos, long costNanos, long deadlineNanos) {
        return new RtTask(name, minInterArrivalNanos, costNanos, deadlineNanos, 0, true);
    }

    /** This task with its first release moved to {@code offset} after the scheduler's start. */
    public RtTask withOffset(long offset) {
        return new RtTask(name, periodNanos, costNanos, deadlineNanos, offset, sporadic);
    }

    /** This task with a different budget. */
    public RtTask withCost(long cost) {
        return new RtTask(name, periodNanos, cost, deadlineNanos, offsetNanos, sporadic);
    }

    /** C / T. */
    public double utilisation() {
        return (double) costNanos / periodNanos;
    }

    /** {@code 'b' (T=7ms C=4ms D=7ms)}: how admission messages name a task. */
    public String describe() {
        return "'" + name + "' (" + (sporadic ? "min inter-arrival " : "T=") + Units.formatNanosExact(periodNanos)
                + " C=" + Units.formatNanosExact(costNanos) + " D=" + Units.formatNanosExact(deadlineNanos) + ")";
    }

    private static void requirePositive(String name, String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("task '" + name + "': " + what + " must be above zero, got "
                    + value + "ns");
        }
    }
}
