package io.crosskernel.kernels.realtime;

/**
 * Whether a running job can be interrupted by a more urgent one. The analysis supports both; the dispatcher
 * ({@link RealtimeScheduler}) runs every job to completion, so the kernel admits task sets under
 * {@link #NON_PREEMPTIVE}. {@link #PREEMPTIVE} gives the textbook results (Liu &amp; Layland, Joseph &amp; Pandya).
 *
 * <p>Immutable and thread-safe.
 */
public enum Preemption {
    /** A job runs until a more urgent job is released. */
    PREEMPTIVE("preemptive"),
    /** A job, once started, runs to completion (the dispatcher's model). */
    NON_PREEMPTIVE("non-preemptive");

    private final String label;

    Preemption(String label) {
        this.label = label;
    }

    /** {@code preemptive} or {@code non-preemptive}, as printed in admission messages. */
    public String label() {
        return label;
    }
}
