package io.crosskernel.api.miss;

/** Whose deadline a {@link Miss} is about. */
public enum MissKind {
    /** A workload's end-to-end deadline (its route's), checked when the last stage completes. */
    ROUTE,
    /** A realtime task's own deadline, checked by the realtime dispatcher when the job finishes. */
    TASK
}
