package io.crosskernel.bench.roundtrip;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

/**
 * Baseline: two LMAX Disruptor single-producer {@link RingBuffer}s of preallocated {@link Message} slots, each
 * consumed through an {@link EventPoller} (the Disruptor's own non-blocking consumer API), so both sides spin on the
 * same thread that measures or echoes rather than handing events to a Disruptor-managed thread.
 *
 * <p>Threading: see {@link PingPongTransport}; each ring has one publisher and one poller.
 */
public final class DisruptorTransport extends PingPongTransport {
    private final RingBuffer<Message> ping;
    private final RingBuffer<Message> pong;
    private final EventPoller<Message> pingPoller;
    private final EventPoller<Message> pongPoller;
    private final ValueHandler measuringHandler = new ValueHandler();
    private final EchoHandler echoHandler;

    public DisruptorTransport() {
        super(Transports.DISRUPTOR);
        ping = RingBuffer.createSingleProducer(Message::new, Transports.CAPACITY, new BusySpinWaitStrategy());
        pong = RingBuffer.createSingleProducer(Message::new, Transports.CAPACITY, new BusySpinWaitStrategy());
        pingPoller = ping.newPoller();
        ping.addGatingSequences(pingPoller.getSequence());
        pongPoller = pong.newPoller();
        pong.addGatingSequences(pongPoller.getSequence());
        echoHandler = new EchoHandler(pong);
    }

    @Override
    public long roundTrip(long value) {
        long sequence = ping.next();
        ping.get(sequence).value = value;
        ping.publish(sequence);
        ValueHandler h = measuringHandler;
        h.received = false;
        try {
            while (!h.received) {
                if (pongPoller.poll(h) != EventPoller.PollState.PROCESSING) {
                    Thread.onSpinWait();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("poller failed", e);
        }
        return h.value;
    }

    @Override
    public boolean echoOnce() {
        EchoHandler h = echoHandler;
        h.echoed = false;
        try {
            if (pingPoller.poll(h) != EventPoller.PollState.PROCESSING) {
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            throw new IllegalStateException("poller failed", e);
        }
        return h.echoed;
    }

    /** Measuring thread: copies out the echoed value. */
    private static final class ValueHandler implements EventPoller.Handler<Message> {
        long value;
        boolean received;

        @Override
        public boolean onEvent(Message event, long sequence, boolean endOfBatch) {
            value = event.value;
            received = true;
            return false; // one event per poll
        }
    }

    /** Echo thread: publishes each ping's value on the pong ring. */
    private static final class EchoHandler implements EventPoller.Handler<Message> {
        private final RingBuffer<Message> pong;
        boolean echoed;

        EchoHandler(RingBuffer<Message> pong) {
            this.pong = pong;
        }

        @Override
        public boolean onEvent(Message event, long sequence, boolean endOfBatch) {
            long out = pong.next();
            pong.get(out).value = event.value;
            pong.publish(out);
            echoed = true;
            return false;
        }
    }
}
