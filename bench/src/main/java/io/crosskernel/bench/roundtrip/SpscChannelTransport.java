package io.crosskernel.bench.roundtrip;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.List;

/**
 * The system under test: a pair of crosskernel {@link SpscChannel}s, one per direction, used exactly as kernels use
 * them, through the ends a {@link ChannelFabric} hands out (which count what each side handed over and took, for the
 * accounting): {@code offer} copies the sender's envelope into a record of the channel's ring; the receiver
 * {@code drain}s with a handler.
 *
 * <p>Threading: see {@link PingPongTransport}; the measuring thread produces on {@code ping} and consumes
 * {@code pong}, the echo thread the reverse.
 */
public final class SpscChannelTransport extends PingPongTransport {
    private static final int ECHO_DRAIN_LIMIT = 16;

    private final OutboundChannel pingOut;
    private final InboundChannel pingIn;
    private final OutboundChannel pongOut;
    private final InboundChannel pongIn;
    /**
     * Allocated right after this object, before the envelope the measuring thread writes on every round trip: this
     * object's fields are read by the echo thread on every echo, and sharing a line with that envelope cost 0.45x
     * the floor per round trip (false sharing). Objects land in allocation order in a fresh TLAB.
     */
    @SuppressWarnings("unused")
    private final long[] spacer = new long[16];
    private final Envelope outgoing = new Envelope();
    private final ValueHandler replies = new ValueHandler();
    private final EchoHandler echo;
    private final HopMetering measureSide;

    public SpscChannelTransport() {
        this(Transports.CROSSKERNEL, HopMetering.NONE, HopMetering.NONE);
    }

    /**
     * A transport whose two ends record what a kernel records per message.
     *
     * @param measureSide the measuring thread's metrics (it alone writes them)
     * @param echoSide    the echo thread's metrics (it alone writes them)
     */
    SpscChannelTransport(String name, HopMetering measureSide, HopMetering echoSide) {
        super(name);
        this.measureSide = measureSide;
        ChannelFabric fabric = new ChannelFabric(2, List.of(
                new LinkSpec(0, "measure", 1, "echo", Transports.CAPACITY, BackpressurePolicy.RETRY),
                new LinkSpec(1, "echo", 0, "measure", Transports.CAPACITY, BackpressurePolicy.RETRY)), failed -> {
                    throw new IllegalStateException("a RETRY channel never fails: " + failed);
                });
        pingOut = fabric.outbound(0, 1);
        pingIn = fabric.inboundTo(1).get(0);
        pongOut = fabric.outbound(1, 0);
        pongIn = fabric.inboundTo(0).get(0);
        echo = new EchoHandler(pongOut, echoSide);
    }

    @Override
    public long roundTrip(long value) {
        Envelope e = outgoing;
        e.payload = value;
        measureSide.beforeSend(e);
        while (pingOut.offer(e) != SendResult.SENT) {
            Thread.onSpinWait();
        }
        ValueHandler h = replies;
        while (pongIn.drain(h, 1) == 0) {
            Thread.onSpinWait();
        }
        measureSide.afterReceive(h.sentNanos);
        return h.value;
    }

    @Override
    public boolean echoOnce() {
        if (pingIn.drain(echo, ECHO_DRAIN_LIMIT) == 0) {
            Thread.onSpinWait();
            return false;
        }
        return true;
    }

    /** Measuring thread: keeps the echoed payload. */
    private static final class ValueHandler implements EnvelopeHandler {
        long value;
        long sentNanos;

        @Override
        public void onMessage(Envelope envelope) {
            value = envelope.payload;
            sentNanos = envelope.sentNanos;
        }
    }

    /** Echo thread: offers each envelope it receives back on the return channel (which copies it). */
    private static final class EchoHandler implements EnvelopeHandler {
        private final OutboundChannel pong;
        private final HopMetering metering;

        EchoHandler(OutboundChannel pong, HopMetering metering) {
            this.pong = pong;
            this.metering = metering;
        }

        @Override
        public void onMessage(Envelope envelope) {
            metering.afterReceive(envelope.sentNanos);
            metering.beforeSend(envelope);
            while (pong.offer(envelope) != SendResult.SENT) {
                Thread.onSpinWait();
            }
        }
    }
}
