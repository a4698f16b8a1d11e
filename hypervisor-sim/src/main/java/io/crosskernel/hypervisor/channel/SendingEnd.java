package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import java.util.Objects;

/**
 * The sending kernel's end of one channel: forwards each offer to the channel and counts, on the producer thread,
 * every message it handed over (accepted or rejected; a {@code retry} refusal leaves the message with the sender and
 * is not counted).
 *
 * <p>Why a count of its own: the channel's figures all come from its ring positions, so they agree with each other by
 * construction. This count is kept by the sender, apart from the ring, and the host checks
 * {@code sent == received + inFlight + rejected} against it at the end of a run (see {@link ChannelAccount}): a
 * message the channel loses or duplicates breaks that identity.
 *
 * <p>Threading: {@link #offer} on the channel's single producer thread only; {@link #sent()} from any thread. The
 * count lives on the producer's lines (see {@link CountingEnd}).
 */
public final class SendingEnd extends CountingEnd implements OutboundChannel {
    private final OutboundChannel channel;

    /** @param channel the channel (or what stands between this end and the channel's ring, in fault tests) */
    SendingEnd(OutboundChannel channel) {
        super(channel.fromKernel(), channel.toKernel());
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public BackpressurePolicy policy() {
        return channel.policy();
    }

    /** Producer thread only: offers {@code message} and counts it unless the channel backpressured. */
    @Override
    public SendResult offer(Envelope message) {
        SendResult result = channel.offer(message);
        if (result != SendResult.BACKPRESSURED) {
            counted.increment();
        }
        return result;
    }

    @Override
    public int remainingCapacity() {
        return channel.remainingCapacity();
    }

    /** Any thread: messages handed to the channel so far (see {@link CountingEnd#count()}). */
    public long sent() {
        return count();
    }
}
