package io.crosskernel.kernels.io;

import io.crosskernel.api.metrics.SingleWriterCounter;

/**
 * The bounded ring between the network and the pipeline: absorbs a burst larger than what the pipeline takes in one
 * duty cycle, and refuses (and counts) whatever exceeds its fixed capacity.
 *
 * <p>Each slot holds exactly what {@link RequestSink#offer} carries: request id, receive time, payload length and the
 * payload's first eight bytes as a long. Slots are parallel primitive arrays allocated once in the constructor, so
 * {@link #offer} and {@link #drainTo} never allocate.
 *
 * <p>Threading: <b>single-threaded</b>. The owning thread (the I/O kernel's dispatching worker) both fills it (as the
 * sink of {@code UdpIngress}/{@code TcpIngress} polls) and drains it. Only the counters
 * ({@link #accepted()}, {@link #rejected()}, {@link #drained()}, {@link #highWaterMark()}) may be read from other
 * threads; {@link #size()} is for the owner.
 */
public final class RequestRing implements RequestSink {
    private final int capacity;
    private final long[] requestIds;
    private final long[] receivedNanos;
    private final int[] payloadLengths;
    private final long[] payloadHeads;

    /** Index of the oldest request (the next to drain). */
    private int head;
    private int size;

    private final SingleWriterCounter accepted = new SingleWriterCounter();
    private final SingleWriterCounter rejected = new SingleWriterCounter();
    private final SingleWriterCounter drained = new SingleWriterCounter();
    private final SingleWriterCounter highWaterMark = new SingleWriterCounter();

    /** @param capacity the exact number of requests the ring holds (at least 1) */
    public RequestRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ring capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.requestIds = new long[capacity];
        this.receivedNanos = new long[capacity];
        this.payloadLengths = new int[capacity];
        this.payloadHeads = new long[capacity];
    }

    /** Owner thread. Appends the request, or counts it as rejected and returns {@code false} when the ring is full. */
    @Override
    public boolean offer(long requestId, long receivedNanos, int payloadLength, long payloadHead) {
        if (size == capacity) {
            rejected.increment();
            return false;
        }
        int tail = head + size;
        if (tail >= capacity) {
            tail -= capacity;
        }
        requestIds[tail] = requestId;
        this.receivedNanos[tail] = receivedNanos;
        payloadLengths[tail] = payloadLength;
        payloadHeads[tail] = payloadHead;
        size++;
        accepted.increment();
        highWaterMark.max(size);
        return true;
    }

    /**
     * Owner thread. Hands up to {@code limit} requests, oldest first, to {@code downstream}. Stops early, keeping the
     * refused request at the head of the ring, the first time {@code downstream} refuses one: that is how
     * backpressure from the next stage turns into buffering here rather than loss.
     *
     * @return the number of requests {@code downstream} took (and which left the ring)
     */
    public int drainTo(RequestSink downstream, int limit) {
        int taken = 0;
        while (taken < limit && size > 0) {
            int slot = head;
            if (!downstream.offer(requestIds[slot], receivedNanos[slot], payloadLengths[slot], payloadHeads[slot])) {
                break;
            }
            head = slot + 1 == capacity ? 0 : slot + 1;
            size--;
            taken++;
        }
        if (taken > 0) {
            drained.add(taken);
        }
        return taken;
    }

    /** Owner thread: requests currently held. */
    public int size() {
        return size;
    }

    /** Any thread. */
    public int capacity() {
        return capacity;
    }

    /** Any thread: requests ever taken in by {@link #offer}. */
    public long accepted() {
        return accepted.get();
    }

    /** Any thread: requests refused by {@link #offer} because the ring was full. */
    public long rejected() {
        return rejected.get();
    }

    /** Any thread: requests that left the ring through {@link #drainTo}. {@code accepted() - drained()} is held. */
    public long drained() {
        return drained.get();
    }

    /** Any thread: the largest {@link #size()} ever reached. */
    public long highWaterMark() {
        return highWaterMark.get();
    }
}
