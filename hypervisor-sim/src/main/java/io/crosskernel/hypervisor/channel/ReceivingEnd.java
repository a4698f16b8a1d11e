package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import java.util.Objects;

/**
 * The receiving kernel's end of one channel: drains the channel and counts, on the consumer thread, every message it
 * handed to the kernel's handler, independently of the channel's ring positions (see {@link SendingEnd} for why).
 *
 * <p>A message is counted before the kernel's handler sees it, so a handler that throws does not make the count
 * disagree with the channel, which gives the record back even then.
 *
 * <p>Threading: {@link #drain} on the channel's single consumer thread only; {@link #received()} from any thread. The
 * count lives on the consumer's lines (see {@link CountingEnd}).
 */
public final class ReceivingEnd extends CountingEnd implements InboundChannel, EnvelopeHandler {
    private final InboundChannel channel;
    /** The kernel's handler for the length of one drain (a field, so that draining allocates nothing). */
    private EnvelopeHandler handler;

    ReceivingEnd(InboundChannel channel) {
        super(channel.fromKernel(), channel.toKernel());
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** Consumer thread only. As {@link InboundChannel#drain}; counts each message as it is handed over. */
    @Override
    public int drain(EnvelopeHandler kernelHandler, int limit) {
        this.handler = Objects.requireNonNull(kernelHandler, "handler");
        try {
            return channel.drain(this, limit);
        } finally {
            this.handler = null;
        }
    }

    /** Consumer thread, inside {@link #drain}: counts, then hands the message to the kernel. */
    @Override
    public void onMessage(Envelope envelope) {
        counted.increment();
        handler.onMessage(envelope);
    }

    @Override
    public int size() {
        return channel.size();
    }

    /** Any thread: messages handed to the receiving kernel so far (see {@link CountingEnd#count()}). */
    public long received() {
        return count();
    }
}
