package io.crosskernel.bench.roundtrip;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;

/**
 * The system under test: a pair of crosskernel {@link SpscChannel}s, one per direction, used exactly as kernels use
 * them: {@code offer} copies the sender's envelope into a pooled one; the receiver {@code drain}s with a handler.
 *
 * <p>Threading: see {@link PingPongTransport}; the measuring thread produces on {@code ping} and consumes
 * {@code pong}, the echo thread the reverse.
 */
public final class SpscChannelTransport extends PingPongTransport {
    private static final int ECHO_DRAIN_LIMIT = 16;

    private final SpscChannel ping;
    private final SpscChannel pong;
    private final Envelope outgoing = new Envelope();
    private final ValueHandler replies = new ValueHandler();
    private final EchoHandler echo;

    public SpscChannelTransport() {
        super(Transports.CROSSKERNEL);
        ping = new SpscChannel(new LinkSpec(0, "measure", 1, "echo", Transports.CAPACITY, BackpressurePolicy.RETRY),
                failed -> {
                    throw new IllegalStateException("a RETRY channel never fails: " + failed);
                });
        pong = new SpscChannel(new LinkSpec(1, "echo", 0, "measure", Transports.CAPACITY, BackpressurePolicy.RETRY),
                failed -> {
                    throw new IllegalStateException("a RETRY channel never fails: " + failed);
                });
        echo = new EchoHandler(pong);
    }

    @Override
    public long roundTrip(long value) {
        Envelope e = outgoing;
        e.payload = value;
        while (ping.offer(e) != SendResult.SENT) {
            Thread.onSpinWait();
        }
        ValueHandler h = replies;
        while (pong.drain(h, 1) == 0) {
            Thread.onSpinWait();
        }
        return h.value;
    }

    @Override
    public boolean echoOnce() {
        if (ping.drain(echo, ECHO_DRAIN_LIMIT) == 0) {
            Thread.onSpinWait();
            return false;
        }
        return true;
    }

    /** Measuring thread: keeps the echoed payload. */
    private static final class ValueHandler implements EnvelopeHandler {
        long value;

        @Override
        public void onMessage(Envelope envelope) {
            value = envelope.payload;
        }
    }

    /** Echo thread: offers each envelope it receives back on the return channel (which copies it). */
    private static final class EchoHandler implements EnvelopeHandler {
        private final SpscChannel pong;

        EchoHandler(SpscChannel pong) {
            this.pong = pong;
        }

        @Override
        public void onMessage(Envelope envelope) {
            while (pong.offer(envelope) != SendResult.SENT) {
                Thread.onSpinWait();
            }
        }
    }
}
