package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;

/**
 * What stands between a channel's {@link SendingEnd} (where the sender counts) and its ring, and between the ring and
 * its {@link ReceivingEnd}: in a real run, nothing ({@link #NONE}); in a simulated run, the engine's virtual-time view
 * of the channel (hop latency, faults), so the two ends count exactly as in a real run. Fault-injection tests put a decorator here that loses or duplicates a message inside the channel,
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

    /**
     * What the receiving end drains: {@code channel} itself, or (in a simulated run) the view that lets a message out
     * only once its hop has taken its virtual time. Called after {@link #interpose} for the same channel.
     */
    default InboundChannel interposeInbound(SpscChannel channel) {
        return channel;
    }
}
