package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.OutboundChannel;

/**
 * What stands between a channel's {@link SendingEnd} (where the sender counts) and its ring: in a run, nothing
 * ({@link #NONE}). Fault-injection tests put a decorator here that loses or duplicates a message inside the channel,
 * to prove that the accounting check ({@link ChannelAccount}) catches it.
 *
 * <p>Not reachable from a scenario: only code that builds a {@link ChannelFabric} (the host, tests) chooses one.
 * Called on the thread that builds the fabric; what it returns is then used on the channel's producer thread only.
 */
@FunctionalInterface
public interface ChannelInterposer {
    /** Offers go straight to the ring. */
    ChannelInterposer NONE = channel -> channel;

    /** @return what the sending end offers to: {@code channel} itself or a decorator of it */
    OutboundChannel interpose(SpscChannel channel);
}
