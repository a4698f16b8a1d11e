package io.crosskernel.bench.roundtrip;

import org.jctools.queues.SpscArrayQueue;

/**
 * Baseline: two raw JCTools {@link SpscArrayQueue}s passing one preallocated {@link Message} back and forth. What
 * crosskernel's channel is built on, without its envelope copy, pool and counters.
 *
 * <p>Threading: see {@link PingPongTransport}; each queue has one producer and one consumer.
 */
public final class JctoolsTransport extends PingPongTransport {
    private final SpscArrayQueue<Message> ping = new SpscArrayQueue<>(Transports.CAPACITY);
    private final SpscArrayQueue<Message> pong = new SpscArrayQueue<>(Transports.CAPACITY);
    private final Message message = new Message();

    public JctoolsTransport() {
        super(Transports.JCTOOLS);
    }

    @Override
    public long roundTrip(long value) {
        Message m = message;
        m.value = value;
        while (!ping.offer(m)) {
            Thread.onSpinWait();
        }
        Message reply;
        while ((reply = pong.poll()) == null) {
            Thread.onSpinWait();
        }
        return reply.value;
    }

    @Override
    public boolean echoOnce() {
        Message m = ping.poll();
        if (m == null) {
            Thread.onSpinWait();
            return false;
        }
        while (!pong.offer(m)) {
            Thread.onSpinWait();
        }
        return true;
    }
}
