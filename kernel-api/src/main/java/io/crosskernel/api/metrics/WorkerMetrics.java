package io.crosskernel.api.metrics;

/**
 * Everything one kernel worker thread counts and measures.
 *
 * <p>Ownership: written only by its worker thread; the host reads it at any time (counters are
 * {@link SingleWriterCounter}s, histograms {@link LatencyRecorder}s). Per-route arrays are indexed by route id and
 * sized for every route of the run, so no worker ever writes another's slot.
 *
 * <p>Request accounting: across all workers of all kernels, for each route,
 * {@code generated = completed + failed + dropped + in flight}; the host checks it after draining.
 */
public final class WorkerMetrics {
    /** Duty cycles run; also the watchdog's heartbeat. */
    public final SingleWriterCounter dutyCycles = new SingleWriterCounter();
    /** Nanoseconds spent in duty cycles that did work. */
    public final SingleWriterCounter busyNanos = new SingleWriterCounter();
    /** Tasks run to completion. */
    public final SingleWriterCounter tasksCompleted = new SingleWriterCounter();
    /** Tasks that threw. */
    public final SingleWriterCounter tasksFailed = new SingleWriterCounter();
    /** Messages taken from inbound channels. */
    public final SingleWriterCounter messagesIn = new SingleWriterCounter();
    /** Messages accepted by outbound channels (rejected ones are counted by the channel). */
    public final SingleWriterCounter messagesOut = new SingleWriterCounter();
    /** Messages this worker holds because a {@code retry} channel was full: a gauge. */
    public final SingleWriterCounter heldForRetry = new SingleWriterCounter();
    /** Offers refused with {@code BACKPRESSURED} (each retry counts once). */
    public final SingleWriterCounter backpressureEvents = new SingleWriterCounter();
    /** Exceptions thrown out of {@code doWork} itself (not by a task). */
    public final SingleWriterCounter kernelErrors = new SingleWriterCounter();
    /**
     * Response time of tasks run by this worker: completion minus arrival at this kernel (the release for a source,
     * the hop timestamp for a message).
     */
    public final LatencyRecorder taskLatency = new LatencyRecorder();

    /** Requests released by sources, per route. */
    public final SingleWriterCounter[] generated;
    /** Requests that finished their last stage, per route. */
    public final SingleWriterCounter[] completed;
    /** Requests whose task threw, per route. */
    public final SingleWriterCounter[] failed;
    /** Requests a {@code drop-newest} or {@code fail} channel rejected, per route. */
    public final SingleWriterCounter[] dropped;
    /** Requests that completed after their route's deadline, per route. */
    public final SingleWriterCounter[] deadlineMisses;
    /** End-to-end latency (completion minus release) of requests completed by this worker, per route. */
    public final LatencyRecorder[] endToEnd;

    public WorkerMetrics(int routeCount) {
        generated = counters(routeCount);
        completed = counters(routeCount);
        failed = counters(routeCount);
        dropped = counters(routeCount);
        deadlineMisses = counters(routeCount);
        endToEnd = new LatencyRecorder[routeCount];
        for (int i = 0; i < routeCount; i++) {
            endToEnd[i] = new LatencyRecorder();
        }
    }

    private static SingleWriterCounter[] counters(int n) {
        SingleWriterCounter[] counters = new SingleWriterCounter[n];
        for (int i = 0; i < n; i++) {
            counters[i] = new SingleWriterCounter();
        }
        return counters;
    }
}
