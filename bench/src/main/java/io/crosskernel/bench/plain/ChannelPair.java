package io.crosskernel.bench.plain;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.channel.ChannelMemory;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The system under test: two crosskernel {@link SpscChannel}s of capacity {@value PlainRoundTrip#CAPACITY}, policy
 * {@code retry}, one per direction, driven through the ends a {@link ChannelFabric} hands out (the ends kernels use,
 * which count each message for the accounting check). The pinger fills one reused {@link Envelope} (payload = the
 * value), spins on {@code offer} until {@code SENT}, then on {@code drain(handler, 1)} until it returns 1; the echoer
 * spins on {@code drain(handler, 1)}, and its handler offers the envelope it was handed back on the return channel.
 *
 * <p>Threading: the pinger offers on {@code pingOut} and drains {@code pongIn}, the echoer the reverse.
 */
class ChannelPair extends PlainPair {
    static final String NAME = "crosskernel";
    private final OutboundChannel pingOut;
    private final InboundChannel pingIn;
    private final OutboundChannel pongOut;
    private final InboundChannel pongIn;

    ChannelPair() {
        this(NAME, fabric(ChannelMemory.DIRECT));
    }

    /** The same pair, named {@code name}, over {@code fabric}'s channels (see {@link #fabric}). */
    ChannelPair(String name, ChannelFabric fabric) {
        super(name);
        pingOut = fabric.outbound(0, 1);
        pingIn = fabric.inboundTo(1).get(0);
        pongOut = fabric.outbound(1, 0);
        pongIn = fabric.inboundTo(0).get(0);
    }

    /**
     * The two channels, pinger (kernel 0) to echoer (kernel 1) and back, capacity {@value PlainRoundTrip#CAPACITY},
     * policy {@code retry}, their rings in {@code memory}: direct memory, or files a second process maps too.
     */
    static ChannelFabric fabric(ChannelMemory memory) {
        return new ChannelFabric(2, List.of(
                new LinkSpec(0, "pinger", 1, "echoer", PlainRoundTrip.CAPACITY, BackpressurePolicy.RETRY),
                new LinkSpec(1, "echoer", 0, "pinger", PlainRoundTrip.CAPACITY, BackpressurePolicy.RETRY)),
                failed -> {
                    throw new IllegalStateException("a retry channel never fails: " + failed);
                }, ChannelInterposer.NONE, memory);
    }

    @Override
    void ping(long first, int warmup, int measured, Histogram histogram) {
        Envelope outgoing = new Envelope();
        Reply reply = new Reply();
        long value = first;
        for (int i = 0, total = warmup + measured; i < total; i++, value++) {
            long start = System.nanoTime();
            outgoing.payload = value;
            while (pingOut.offer(outgoing) != SendResult.SENT) {
                // spin: the harness does not call Thread.onSpinWait()
            }
            while (pongIn.drain(reply, 1) != 1) {
                // spin
            }
            long nanos = System.nanoTime() - start;
            checkReply(name(), value, reply.payload);
            if (i >= warmup) {
                record(histogram, nanos);
            }
        }
    }

    /** Measuring thread, outside a segment: offers one message carrying {@code payload}, expecting no answer. */
    void send(long payload) {
        Envelope message = new Envelope();
        message.payload = payload;
        while (pingOut.offer(message) != SendResult.SENT) {
            Thread.onSpinWait(); // not measured: the echoer is draining or has stopped
        }
    }

    @Override
    void echo(int count) {
        Echo echo = new Echo(pongOut);
        for (int answered = 0; answered < count; answered++) {
            while (pingIn.drain(echo, 1) != 1) {
                if (abandoned()) {
                    return;
                }
            }
        }
    }

    /** Pinger: keeps the payload of the reply (the envelope it is handed is only valid during the call). */
    private static final class Reply implements EnvelopeHandler {
        long payload;

        @Override
        public void onMessage(Envelope envelope) {
            payload = envelope.payload;
        }
    }

    /** Echoer: offers the envelope it is handed back on the return channel, which copies it into a record. */
    private static final class Echo implements EnvelopeHandler {
        private final OutboundChannel pong;

        Echo(OutboundChannel pong) {
            this.pong = pong;
        }

        @Override
        public void onMessage(Envelope envelope) {
            while (pong.offer(envelope) != SendResult.SENT) {
                // spin: one message in flight, so the return channel always has room
            }
        }
    }
}
