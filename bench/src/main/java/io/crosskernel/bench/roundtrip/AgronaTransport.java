package io.crosskernel.bench.roundtrip;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * Baseline: two Agrona {@link OneToOneConcurrentArrayQueue}s passing one preallocated {@link Message}. Needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on Java 17.
 *
 * <p>Threading: see {@link PingPongTransport}; each queue has one producer and one consumer.
 */
public final class AgronaTransport extends PingPongTransport {
    private final OneToOneConcurrentArrayQueue<Message> ping = new OneToOneConcurrentArrayQueue<>(Transports.CAPACITY);
    private final OneToOneConcurrentArrayQueue<Message> pong = new OneToOneConcurrentArrayQueue<>(Transports.CAPACITY);
    private final Message message = new Message();

    public AgronaTransport() {
        super(Transports.AGRONA);
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
