package io.crosskernel.api;

/**
 * Receives messages drained from an {@link InboundChannel}.
 *
 * <p>Called on the receiving kernel's thread. The envelope is valid only until this method returns; it goes back to
 * the channel's pool afterwards. Implementations should be long-lived objects (a field of the kernel), not lambdas
 * capturing per-call state, so that draining allocates nothing.
 */
@FunctionalInterface
public interface EnvelopeHandler {
    void onMessage(Envelope envelope);
}
