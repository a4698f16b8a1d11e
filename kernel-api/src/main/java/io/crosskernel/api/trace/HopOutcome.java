package io.crosskernel.api.trace;

/**
 * What a kernel did with a request once one of its stages finished there: the last column of a trace hop.
 *
 * <p>Immutable; any thread.
 */
public enum HopOutcome {
    /** The stage was the route's last: the request completed. */
    COMPLETED,
    /** Sent on the channel to the kernel that runs the next stage. */
    FORWARDED,
    /** The next stage runs on the same kernel: queued again locally, no channel involved. */
    LOCAL,
    /** The channel to the next kernel was full ({@code retry} policy): held and sent later, in order. */
    HELD,
    /** The channel refused it (or there was none): the request was dropped here. */
    DROPPED,
    /** The stage's task threw: the request ends here, counted as failed. */
    FAILED;

    private static final HopOutcome[] VALUES = values();

    /** @return the outcome whose {@link #ordinal()} is {@code ordinal}; no allocation */
    public static HopOutcome ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
