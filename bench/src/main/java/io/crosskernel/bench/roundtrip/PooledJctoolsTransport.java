package io.crosskernel.bench.roundtrip;

import org.jctools.queues.SpscArrayQueue;

/**
 * Ablation, not a baseline: what {@link SpscChannelTransport} does minus its counters. Each direction is a JCTools
 * forward queue plus a free list of pooled {@link Message}s (a second {@link SpscArrayQueue}); a send copies the value
 * into an envelope taken from the free list, a receive returns it there. Compared with {@code jctools} and
 * {@code crosskernel} it splits the channel's extra cost into the pool (free-list slot and pooled envelope moving
 * between cores) and the counters. Not in {@link Transports#ALL}; run it with
 * {@code RoundTripLatency --transports volatile,jctools,jctools-pooled,crosskernel}.
 *
 * <p>Threading: see {@link PingPongTransport}.
 */
public final class PooledJctoolsTransport extends PingPongTransport {
    private final Direction ping = new Direction();
    private final Direction pong = new Direction();

    public PooledJctoolsTransport() {
        super(Transports.JCTOOLS_POOLED);
    }

    @Override
    public long roundTrip(long value) {
        ping.send(value);
        long reply;
        while ((reply = pong.receive()) == Long.MIN_VALUE) {
            Thread.onSpinWait();
        }
        return reply;
    }

    @Override
    public boolean echoOnce() {
        long value = ping.receive();
        if (value == Long.MIN_VALUE) {
            Thread.onSpinWait();
            return false;
        }
        pong.send(value);
        return true;
    }

    /** One direction: forward queue and free list; one sending and one receiving thread. */
    private static final class Direction {
        final SpscArrayQueue<Message> forward = new SpscArrayQueue<>(Transports.CAPACITY);
        final SpscArrayQueue<Message> free = new SpscArrayQueue<>(Transports.CAPACITY);

        Direction() {
            for (int i = 0; i < Transports.CAPACITY; i++) {
                free.offer(new Message());
            }
        }

        void send(long value) {
            Message m;
            while ((m = free.relaxedPoll()) == null) {
                Thread.onSpinWait();
            }
            m.value = value;
            forward.offer(m);
        }

        /** @return the value, or {@code Long.MIN_VALUE} when nothing is there */
        long receive() {
            Message m = forward.poll();
            if (m == null) {
                return Long.MIN_VALUE;
            }
            long value = m.value;
            free.relaxedOffer(m);
            return value;
        }
    }
}
