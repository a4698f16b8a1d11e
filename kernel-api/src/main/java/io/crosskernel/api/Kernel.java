package io.crosskernel.api;

import java.util.Map;

/**
 * A kernel: a scheduler that owns a set of cores and runs one pinned worker thread per core, in the style of
 * Agrona's {@code Agent}.
 *
 * <p>Lifecycle, all driven by the host:
 * <ol>
 *   <li>{@link #onBoot(KernelContext)} once, on the host thread, before any worker exists. Allocate everything the
 *       steady state needs here.</li>
 *   <li>On each worker thread, after it has been pinned: {@link #onWorkerStart(int)} once, then
 *       {@link #doWork(int)} in a loop until the host stops the kernel, then {@link #onWorkerStop(int)} once. Worker
 *       {@code i} runs on core {@code context.cores().get(i)}.</li>
 *   <li>{@link #stats()} and {@link #onShutdown()} once, on the host thread, after every worker has returned. When
 *       a worker does not return (a task that never ends), the host skips both for that kernel rather than close
 *       its resources under a live thread, and fails the run.</li>
 * </ol>
 *
 * <p>Threading: {@code doWork(i)} is only ever called by worker thread {@code i}. Worker 0 is the kernel's
 * <em>dispatching</em> worker: it alone may drain {@link KernelContext#inbound() inbound channels}, offer on
 * outbound channels and poll {@link KernelContext#sources() sources}, which keeps every channel single-producer,
 * single-consumer. A kernel with several workers hands work between them over its own single-producer queues.
 *
 * <p>{@code doWork} must never block, allocate on its steady-state path, take a lock, log or make a system call;
 * exceptions it throws are caught by the host, counted and reported (see the scenario's {@code onError} policy).
 */
public interface Kernel {
    /** {@link #nextWakeNanos(int)}'s answer when the worker has no timer of its own. */
    long NO_WAKE = Long.MAX_VALUE;

    /** Prepares the kernel; called once on the host thread. */
    void onBoot(KernelContext context);

    /**
     * Called once on worker thread {@code worker}, after it has been pinned and before its first duty cycle: the
     * place to take ownership of per-worker resources (a thread-confined engine, a selector). An exception here
     * fails the run before the workload starts; the host then stops the other workers and shuts every booted kernel
     * down.
     */
    default void onWorkerStart(int worker) {
    }

    /**
     * Called once on worker thread {@code worker} after its last duty cycle, and only if {@link #onWorkerStart(int)}
     * returned normally: the place to release what that worker owns alone (flush a thread-confined appender). Other
     * workers of the kernel may still be running. An exception here is counted as a task error; the host still
     * calls {@link #onShutdown()} once every worker has returned.
     */
    default void onWorkerStop(int worker) {
    }

    /**
     * One duty cycle on worker thread {@code worker}.
     *
     * @return the amount of work done; 0 tells the worker's idle strategy there was nothing to do
     */
    int doWork(int worker);

    /**
     * When worker {@code worker}, having just returned 0 from {@link #doWork(int)} (or done work and answered false to
     * {@link #hasPendingWork(int)}), next wants to run for a reason of its own: a release timer, a deferred sporadic arrival. The simulation engine (docs/SIMULATION.md) lets an idle
     * virtual core sleep until the earliest of this, a message becoming visible on one of the kernel's inbound
     * channels, the next arrival of one of its sources and work done by a sibling worker; real runs never call it.
     *
     * <p>Called only on the worker's own thread, right after its {@code doWork}; must not allocate.
     *
     * @return a {@link Clock} reading, or {@link #NO_WAKE} (the default) when only messages, source arrivals and
     *     siblings can give this worker work
     */
    default long nextWakeNanos(int worker) {
        return NO_WAKE;
    }

    /**
     * Whether worker {@code worker} holds work that only its own next duty cycle would find and that the simulation
     * engine cannot see: jobs in its run queues, jobs a sibling worker handed it over the kernel's own queues, messages
     * it holds for a retry. Messages on inbound channels, source arrivals and {@link #nextWakeNanos(int)} timers are
     * not meant here: the engine sees those itself.
     *
     * <p>The simulation engine asks after a duty cycle of the worker that did work, and after a busy duty cycle of a
     * sibling: a worker for which this returns false then sleeps until its next event instead of running a duty cycle
     * that would find nothing. Answering false is a promise that such a duty cycle would do no work <em>and change no
     * state</em> (a rotating start index moved only by calls that found something), so skipping it changes nothing but
     * the count of duty cycles. Real runs never call it.
     *
     * <p>Called on the engine's thread (which runs every worker of a simulated run); must not allocate.
     *
     * @return true (the default) when the worker may have such work: the engine then runs it again at once
     */
    default boolean hasPendingWork(int worker) {
        return true;
    }

    /**
     * Whether every stretch of this kernel's duty cycle that can last longer than the hiccup threshold hands its clock
     * readings to the worker's hiccup meter (its jobs spin with {@link Clock#spinUntil(long,
     * io.crosskernel.api.hiccup.HiccupMeter)}), the rest being bookkeeping of a few microseconds. The worker then
     * examines the gap from a busy duty cycle's last reading to its end like any other, so a pause in that
     * bookkeeping is a hiccup; otherwise (the default) it measures afresh from the end of a busy cycle, because a
     * kernel doing real work there (a compression, a socket read) would have that work counted as hiccups.
     *
     * <p>Asked once, on the worker's thread, before its first duty cycle.
     */
    default boolean metersItsWork() {
        return false;
    }

    /**
     * Whether work this kernel hands from one of its workers to another reaches an idle sibling at once, as a pool
     * that signals its threads does, rather than when the sibling's idle strategy next looks (a parked worker at the
     * end of its park). Only a simulated run asks (docs/SIMULATION.md, "Idle strategies"); the default is false: the
     * kernels hand work over queues of their own that an idle worker polls.
     */
    default boolean wakesIdleWorkersAtOnce() {
        return false;
    }

    /** Releases resources; called once on the host thread after every worker stopped. */
    default void onShutdown() {
    }

    /**
     * Kernel-specific figures for the report (bound ports, bytes written, corrupt records found, per-task deadline
     * misses and lateness, ...), in the order to print them. They appear as the kernel's {@code details} object in
     * the JSON report (docs/REPORT.md), so every figure is a value of its own, never only inside a sentence:
     * <ul>
     *   <li>keys are camelCase names; a figure with a unit ends with it: {@code Nanos}, {@code Bytes},
     *       {@code PerSecond} (the text report formats by that suffix);</li>
     *   <li>values are numbers ({@code int}, {@code long}, finite {@code double}), booleans, strings (names, modes,
     *       messages), null (does not apply), lists and maps of these, and latency distributions: an HdrHistogram
     *       {@link org.HdrHistogram.Histogram} of nanoseconds under a key ending in {@code Nanos}, which the host
     *       summarises (count, min, percentiles, max, mean);</li>
     *   <li>a list of maps (one per task, per thread, ...) prints as a table, a map as a group on the kernel's line.</li>
     * </ul>
     * A value that breaks these rules drops the kernel's figures from the report with a warning that names it.
     *
     * <p>Called on the host thread after every worker stopped and before {@link #onShutdown()}; may allocate. May be
     * called more than once and then returns the same figures.
     */
    default Map<String, Object> stats() {
        return Map.of();
    }
}
