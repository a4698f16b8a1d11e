package io.crosskernel.api.metrics;

import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.miss.MissLog;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.ArrayList;
import java.util.List;

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
    public final LatencyRecorder taskLatency;
    /**
     * This worker's hiccup meter: fed by the duty loop and by synthetic spins, read by the host to attribute misses
     * (see {@link HiccupMeter}).
     */
    public final HiccupMeter hiccups;
    /** The deadline misses this worker saw, with what the host needs to attribute each to a cause. */
    public final MissLog misses;

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
    /** Tasks whose execution took longer than their declared cost (budget), per route. */
    public final SingleWriterCounter[] budgetOverruns;
    /**
     * End-to-end latency (completion minus release) of requests completed here, per route; null for routes whose
     * last stage runs on another kernel.
     */
    public final LatencyRecorder[] endToEnd;
    /**
     * Release lateness (start of the first stage minus the scheduled release: cyclictest's measure), per route; null
     * for routes whose first stage runs on another kernel.
     */
    public final LatencyRecorder[] lateness;
    /**
     * Per route and stage: completion of the stage minus the request's arrival at this kernel (the release for a first
     * stage, the hop timestamp otherwise); null for stages that run on another kernel.
     */
    public final LatencyRecorder[][] stageLatency;
    /** Whether the recorders are {@link LatencyRecorder#confined()} (read on the writer's own thread). */
    private final boolean confined;

    /**
     * Metrics for a worker of kernel {@code kernelId} whose host reads them from another thread (a real run):
     * recorders are allocated only for the routes and stages that can touch this kernel.
     */
    public WorkerMetrics(List<Route> routes, int kernelId) {
        this(routes, kernelId, false);
    }

    /**
     * Metrics for a worker of kernel {@code kernelId}; {@code confined} when the host reads them on the worker's own
     * thread (a simulated run), which lets every {@link LatencyRecorder} record without an atomic instruction
     * ({@link LatencyRecorder#confined()}).
     */
    public WorkerMetrics(List<Route> routes, int kernelId, boolean confined) {
        int routeCount = routes.size();
        this.confined = confined;
        taskLatency = newRecorder();
        hiccups = confined ? HiccupMeter.confined() : new HiccupMeter();
        misses = confined ? MissLog.growing() : new MissLog();
        generated = counters(routeCount);
        completed = counters(routeCount);
        failed = counters(routeCount);
        dropped = counters(routeCount);
        deadlineMisses = counters(routeCount);
        budgetOverruns = counters(routeCount);
        endToEnd = new LatencyRecorder[routeCount];
        lateness = new LatencyRecorder[routeCount];
        stageLatency = new LatencyRecorder[routeCount][];
        for (Route route : routes) {
            int r = route.id();
            List<Stage> stages = route.stages();
            if (stages.get(stages.size() - 1).runsOn(kernelId)) {
                endToEnd[r] = newRecorder();
            }
            if (stages.get(0).runsOn(kernelId)) {
                lateness[r] = newRecorder();
            }
            stageLatency[r] = new LatencyRecorder[stages.size()];
            for (int s = 0; s < stages.size(); s++) {
                if (stages.get(s).runsOn(kernelId)) {
                    stageLatency[r][s] = newRecorder();
                }
            }
        }
    }

    private LatencyRecorder newRecorder() {
        return confined ? LatencyRecorder.confined() : LatencyRecorder.crossThread();
    }

    /** Every latency recorder this worker owns (host thread: to drain or discard them all). */
    public List<LatencyRecorder> allRecorders() {
        List<LatencyRecorder> all = new ArrayList<>();
        all.add(taskLatency);
        for (int r = 0; r < endToEnd.length; r++) {
            addIfPresent(all, endToEnd[r]);
            addIfPresent(all, lateness[r]);
            for (LatencyRecorder stage : stageLatency[r]) {
                addIfPresent(all, stage);
            }
        }
        return all;
    }

    /**
     * Every counter this worker owns, in a fixed order: the nine scalar counters as declared, then per route
     * generated, completed, failed, dropped, deadline misses and budget overruns. Two {@code WorkerMetrics} built
     * for the same routes list their counters in the same order, which is what lets another process mirror them one
     * for one (docs/PROCESSES.md); {@link #counterCount(int)} says how many there are.
     */
    public List<SingleWriterCounter> allCounters() {
        List<SingleWriterCounter> all = new ArrayList<>(counterCount(generated.length));
        all.addAll(List.of(dutyCycles, busyNanos, tasksCompleted, tasksFailed, messagesIn, messagesOut, heldForRetry,
                backpressureEvents, kernelErrors));
        for (int r = 0; r < generated.length; r++) {
            all.addAll(List.of(generated[r], completed[r], failed[r], dropped[r], deadlineMisses[r],
                    budgetOverruns[r]));
        }
        return all;
    }

    /** How many counters {@link #allCounters()} lists for a run of {@code routeCount} routes. */
    public static int counterCount(int routeCount) {
        return SCALAR_COUNTERS + COUNTERS_PER_ROUTE * routeCount;
    }

    private static final int SCALAR_COUNTERS = 9;
    private static final int COUNTERS_PER_ROUTE = 6;

    private static void addIfPresent(List<LatencyRecorder> all, LatencyRecorder recorder) {
        if (recorder != null) {
            all.add(recorder);
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
