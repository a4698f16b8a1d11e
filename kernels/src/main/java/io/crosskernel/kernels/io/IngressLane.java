package io.crosskernel.kernels.io;

import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;

/**
 * One listener's way into the I/O kernel, and the accounting of its ingress workload (route).
 *
 * <p>Every request a listener reads off its socket is counted as {@code generated} the moment it is offered here,
 * before it waits in the lane's {@link RequestRing}: the host's drain then sees requests still in the ring as in
 * flight. A request the full ring refuses is counted as {@code dropped}. Datagrams and frames the ingress could not
 * decode (malformed datagrams, TCP protocol errors) never reach the sink; {@link #countUnreadable(long)} adds them to
 * {@code generated} and {@code failed}, so for the route {@code generated = completed + failed + dropped + in flight}
 * holds with every datagram or frame counted exactly once.
 *
 * <p>Threading: single-threaded; owned by the I/O kernel's dispatching worker, which alone writes its worker's
 * metrics. Allocates nothing after construction.
 */
final class IngressLane implements RequestSink {
    final int routeId;
    final String workload;
    final RequestRing ring;
    private final SingleWriterCounter generated;
    private final SingleWriterCounter dropped;
    private final SingleWriterCounter failed;
    private final SingleWriterCounter unreadable = new SingleWriterCounter();
    private long unreadableSeen;

    IngressLane(int routeId, String workload, int ringCapacity, WorkerMetrics metrics) {
        this.routeId = routeId;
        this.workload = workload;
        this.ring = new RequestRing(ringCapacity);
        this.generated = metrics.generated[routeId];
        this.dropped = metrics.dropped[routeId];
        this.failed = metrics.failed[routeId];
    }

    @Override
    public boolean offer(long requestId, long receivedNanos, int payloadLength, long payloadHead) {
        generated.increment();
        if (ring.offer(requestId, receivedNanos, payloadLength, payloadHead)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /**
     * Brings the route's counters up to date with the ingress's running count of undecodable datagrams or frames.
     *
     * @param total the ingress counter's current value (malformed datagrams, or TCP protocol errors)
     * @return how many were new since the last call
     */
    int countUnreadable(long total) {
        long fresh = total - unreadableSeen;
        if (fresh > 0) {
            unreadableSeen = total;
            generated.add(fresh);
            failed.add(fresh);
            unreadable.add(fresh);
        }
        return (int) fresh;
    }

    /** Any thread: undecodable datagrams or frames counted as failed requests of the route. */
    long unreadable() {
        return unreadable.get();
    }
}
