package io.crosskernel.hypervisor.report;

import java.util.Locale;

/**
 * A run ended early from outside (a signal), then drained and reported as usual.
 *
 * @param signal       what asked, e.g. {@code SIGINT}
 * @param afterNanos   time from the start of the workload to the request
 * @param plannedNanos the run's planned length, warm-up included
 * @param drainSkipped true when a second request skipped the rest of the drain
 */
public record RunInterrupted(String signal, long afterNanos, long plannedNanos, boolean drainSkipped) {
    /** The line every human-readable report shows: "interrupted by SIGINT after 1.2 s of 10 s". */
    public String describe() {
        return "interrupted by " + signal + " after " + seconds(afterNanos) + " of " + seconds(plannedNanos)
                + (drainSkipped ? " (drain skipped by a second signal)" : "");
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }
}
