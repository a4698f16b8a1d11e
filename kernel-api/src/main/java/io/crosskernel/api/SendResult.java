package io.crosskernel.api;

/**
 * What happened to a message offered to an {@link OutboundChannel}.
 *
 * <p>A full channel never blocks the sender; it answers with one of the results below, chosen by the channel's
 * {@link BackpressurePolicy}. Every result but {@link #BACKPRESSURED} means the channel has accounted for the message.
 */
public enum SendResult {
    /** Enqueued; the receiver will see it. Counted as offered. */
    SENT,
    /**
     * The channel is full and its policy is {@link BackpressurePolicy#RETRY}: the message was not taken and not
     * counted; the sender still owns it and must offer it again on a later duty cycle.
     */
    BACKPRESSURED,
    /** The channel is full and its policy is {@link BackpressurePolicy#DROP_NEWEST}: counted as offered and rejected. */
    DROPPED,
    /**
     * The channel is full and its policy is {@link BackpressurePolicy#FAIL}: counted as offered and rejected, and the
     * host has been told to stop the run with an error.
     */
    FAILED
}
