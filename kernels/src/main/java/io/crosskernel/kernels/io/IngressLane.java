package io.crosskernel.kernels.io;

import io.crosskernel.api.IngressJournal;
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
 * holds with every datagram or frame counted exactly once. Every request offered here is also recorded in the run's
 * journal, when there is one, with its receive time: what a simulated run can replay in place of the socket.
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
    private final IngressJournal journal;
    private long unreadableSeen;

    /** @param journal where each request is recorded as it arrives ({@link IngressJournal#NONE}: not journaled) */
    IngressLane(int routeId, String workload, int ringCapacity, WorkerMetrics metrics, IngressJournal journal) {
        this.routeId = routeId;
        this.journal = journal;
        this.workload = workload;
        this.ring = new RequestRing(ringCapacity);
        this.generated = metrics.generated[routeId];
        this.dropped = metrics.dropped[routeId];
        this.failed = metrics.failed[routeId];
    }

    @Override
    public boolean offer(long requestId, long receivedNanos, int payloadLength, long payloadHead) {
        generated.increment();
        journal.arrival(routeId, receivedNanos, requestId, payloadLength, payloadHead);
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
