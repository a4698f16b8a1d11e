package io.crosskernel.api;

/**
 * The sending end of a bounded channel from one kernel to another.
 *
 * <p>Threading: single producer. Exactly one thread (the owning kernel's dispatching worker) may call
 * {@link #offer(Envelope)}; the other methods may be read from any thread.
 *
 * <p>Cost: {@code offer} copies seven fields into a pooled envelope and performs one ordered store; it never blocks,
 * allocates, locks or logs.
 */
public interface OutboundChannel {
    /** Id of the sending kernel. */
    int fromKernel();

    /** Id of the receiving kernel. */
    int toKernel();

    /** The policy applied when the channel is full. */
    BackpressurePolicy policy();

    /**
     * Copies {@code message} into the channel.
     *
     * @param message the sender's envelope; only read, never retained
     * @return what happened; see {@link SendResult} for how each outcome is counted
     */
    SendResult offer(Envelope message);

    /** @return how many more messages the channel can take right now (an estimate when read off the sender thread) */
    int remainingCapacity();
}
