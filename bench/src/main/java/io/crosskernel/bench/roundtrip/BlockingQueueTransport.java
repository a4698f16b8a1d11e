package io.crosskernel.bench.roundtrip;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;

/**
 * Baseline: two JDK {@link BlockingQueue}s used the way applications use them, {@code put} and blocking
 * {@code take}/{@code poll(timeout)}: a waiting side parks and must be woken (a futex round trip) unless the message
 * arrives while it is still in the queue's brief spin. {@link ArrayBlockingQueue} takes a lock per operation;
 * {@link LinkedTransferQueue} is lock-free but allocates a node per element.
 *
 * <p>Threading: see {@link PingPongTransport}.
 */
public final class BlockingQueueTransport extends PingPongTransport {
    private static final long ECHO_WAIT_MILLIS = 1;

    private final BlockingQueue<Message> ping;
    private final BlockingQueue<Message> pong;
    private final Message message = new Message();

    private BlockingQueueTransport(String name, BlockingQueue<Message> ping, BlockingQueue<Message> pong) {
        super(name);
        this.ping = ping;
        this.pong = pong;
    }

    /** Two {@link ArrayBlockingQueue}s (one lock each). */
    public static BlockingQueueTransport arrayBlockingQueue() {
        return new BlockingQueueTransport(Transports.ARRAY_BLOCKING_QUEUE, new ArrayBlockingQueue<>(Transports.CAPACITY),
                new ArrayBlockingQueue<>(Transports.CAPACITY));
    }

    /** Two {@link LinkedTransferQueue}s (lock-free, spin-then-park consumers). */
    public static BlockingQueueTransport linkedTransferQueue() {
        return new BlockingQueueTransport(Transports.LINKED_TRANSFER_QUEUE, new LinkedTransferQueue<>(),
                new LinkedTransferQueue<>());
    }

    @Override
    public long roundTrip(long value) {
        Message m = message;
        m.value = value;
        try {
            ping.put(m);
            return pong.take().value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in a round trip", e);
        }
    }

    @Override
    public boolean echoOnce() {
        try {
            Message m = ping.poll(ECHO_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (m == null) {
                return false;
            }
            pong.put(m);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
