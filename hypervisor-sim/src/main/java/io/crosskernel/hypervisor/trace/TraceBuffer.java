package io.crosskernel.hypervisor.trace;

import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.HopTracer;

/**
 * The hops one kernel worker recorded: preallocated primitive columns, filled in order, never grown.
 *
 * <p>Threading: single writer — only the worker's own thread calls {@link #recordHop}. The host reads (through the
 * package-private accessors and {@link #size()} / {@link #lost()}) only after that thread has stopped and been
 * joined, which publishes every plain write. Recording allocates nothing; once full, a hop is counted in
 * {@link #lost()} instead of being stored.
 */
public final class TraceBuffer implements HopTracer {
    private final int kernelId;
    private final String kernelName;
    private final int worker;
    private final long sampleThreshold;
    private final int capacity;

    private final long[] traceIds;
    private final long[] requestIds;
    private final int[] routeIds;
    private final int[] stages;
    private final long[] originNanos;
    private final long[] arrivedNanos;
    private final long[] receivedNanos;
    private final long[] doneNanos;
    private final byte[] outcomes;
    private int size;
    private long lost;

    /**
     * @param sampleThreshold from {@link io.crosskernel.api.trace.TraceSampling#thresholdFor(double)}
     * @param capacity        most hops stored
     */
    public TraceBuffer(int kernelId, String kernelName, int worker, long sampleThreshold, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.kernelId = kernelId;
        this.kernelName = kernelName;
        this.worker = worker;
        this.sampleThreshold = sampleThreshold;
        this.capacity = capacity;
        this.traceIds = new long[capacity];
        this.requestIds = new long[capacity];
        this.routeIds = new int[capacity];
        this.stages = new int[capacity];
        this.originNanos = new long[capacity];
        this.arrivedNanos = new long[capacity];
        this.receivedNanos = new long[capacity];
        this.doneNanos = new long[capacity];
        this.outcomes = new byte[capacity];
    }

    @Override
    public long sampleThreshold() {
        return sampleThreshold;
    }

    @Override
    public void recordHop(long traceId, long requestId, int routeId, int stage, long origin, long arrived,
            long received, long done, HopOutcome outcome) {
        int i = size;
        if (i == capacity) {
            lost++;
            return;
        }
        traceIds[i] = traceId;
        requestIds[i] = requestId;
        routeIds[i] = routeId;
        stages[i] = stage;
        originNanos[i] = origin;
        arrivedNanos[i] = arrived;
        receivedNanos[i] = received;
        doneNanos[i] = done;
        outcomes[i] = (byte) outcome.ordinal();
        size = i + 1;
    }

    /** @return hops stored; writer thread, or the host after the writer stopped */
    public int size() {
        return size;
    }

    /** @return hops that arrived when the buffer was full; writer thread, or the host after the writer stopped */
    public long lost() {
        return lost;
    }

    public int capacity() {
        return capacity;
    }

    public int kernelId() {
        return kernelId;
    }

    public String kernelName() {
        return kernelName;
    }

    public int worker() {
        return worker;
    }

    long traceId(int i) {
        return traceIds[i];
    }

    long requestId(int i) {
        return requestIds[i];
    }

    int routeId(int i) {
        return routeIds[i];
    }

    int stage(int i) {
        return stages[i];
    }

    long originNanos(int i) {
        return originNanos[i];
    }

    long arrivedNanos(int i) {
        return arrivedNanos[i];
    }

    long receivedNanos(int i) {
        return receivedNanos[i];
    }

    long doneNanos(int i) {
        return doneNanos[i];
    }

    HopOutcome outcome(int i) {
        return HopOutcome.ofOrdinal(outcomes[i]);
    }
}
