package io.crosskernel.api.testing;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded channel between two kernels for tests, both ends in one object, counting as {@link SendResult} documents:
 * hand it to one kernel's context as outbound and to another's (or read it in the test) as inbound. The counters
 * {@link #offered}, {@link #rejected} and {@link #drained} are public for assertions.
 *
 * <p>Threading: NOT thread-safe; both kernels must be driven from one thread. Envelopes are pooled so that draining
 * allocates nothing (unless {@link #logDelivered()} is on).
 */
public final class TestChannel implements OutboundChannel, InboundChannel {
    private final int from;
    private final int to;
    private final int capacity;
    private final BackpressurePolicy policy;
    private final ArrayDeque<Envelope> queue;
    private final ArrayDeque<Envelope> free;
    private final List<Long> delivered = new ArrayList<>();
    private boolean log;
    public long offered;
    public long rejected;
    public long drained;

    public TestChannel(int from, int to, int capacity, BackpressurePolicy policy) {
        this.from = from;
        this.to = to;
        this.capacity = capacity;
        this.policy = policy;
        this.queue = new ArrayDeque<>(capacity);
        this.free = new ArrayDeque<>(capacity);
        for (int i = 0; i < capacity; i++) {
            free.add(new Envelope());
        }
    }

    /** Records the request id of every drained message, in order. */
    public TestChannel logDelivered() {
        log = true;
        return this;
    }

    public List<Long> deliveredIds() {
        return delivered;
    }

    @Override
    public int fromKernel() {
        return from;
    }

    @Override
    public int toKernel() {
        return to;
    }

    @Override
    public BackpressurePolicy policy() {
        return policy;
    }

    @Override
    public SendResult offer(Envelope message) {
        if (queue.size() == capacity) {
            switch (policy) {
                case RETRY:
                    return SendResult.BACKPRESSURED;
                case DROP_NEWEST:
                    offered++;
                    rejected++;
                    return SendResult.DROPPED;
                default:
                    offered++;
                    rejected++;
                    return SendResult.FAILED;
            }
        }
        Envelope slot = free.poll();
        slot.copyFrom(message);
        queue.add(slot);
        offered++;
        return SendResult.SENT;
    }

    @Override
    public int remainingCapacity() {
        return capacity - queue.size();
    }

    @Override
    public int drain(EnvelopeHandler handler, int limit) {
        int n = 0;
        Envelope envelope;
        while (n < limit && (envelope = queue.poll()) != null) {
            if (log) {
                delivered.add(envelope.requestId);
            }
            handler.onMessage(envelope);
            envelope.clear();
            free.add(envelope);
            drained++;
            n++;
        }
        return n;
    }

    @Override
    public int size() {
        return queue.size();
    }
}
