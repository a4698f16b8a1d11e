package io.crosskernel.api;

/**
 * The receiving end of a bounded channel from one kernel to another.
 *
 * <p>Threading: single consumer. Exactly one thread (the owning kernel's dispatching worker) may call
 * {@link #drain(EnvelopeHandler, int)}.
 */
public interface InboundChannel {
    /** Id of the sending kernel. */
    int fromKernel();

    /** Id of the receiving kernel. */
    int toKernel();

    /**
     * Hands up to {@code limit} waiting messages, oldest first, to {@code handler} and recycles each envelope after
     * the handler returns. Batch draining is the fast path.
     *
     * @return how many messages were handed over (0 when the channel was empty)
     */
    int drain(EnvelopeHandler handler, int limit);

    /** @return messages waiting to be drained (an estimate when read off the consumer thread) */
    int size();
}
