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
 *       {@link #doWork(int)} in a loop until the host stops the kernel. Worker {@code i} runs on core
 *       {@code context.cores().get(i)}.</li>
 *   <li>{@link #onShutdown()} once, on the host thread, after every worker has returned.</li>
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
    /** Prepares the kernel; called once on the host thread. */
    void onBoot(KernelContext context);

    /** Called once on worker thread {@code worker} before its first duty cycle. */
    default void onWorkerStart(int worker) {
    }

    /**
     * One duty cycle on worker thread {@code worker}.
     *
     * @return the amount of work done; 0 tells the worker's idle strategy there was nothing to do
     */
    int doWork(int worker);

    /** Releases resources; called once on the host thread after every worker stopped. */
    default void onShutdown() {
    }

    /**
     * Kernel-specific figures for the report (bound ports, bytes written, corrupt records found, admission
     * verdict, ...), in the order to print them. Called on the host thread after every worker stopped and before
     * {@link #onShutdown()}; may allocate.
     */
    default Map<String, Object> stats() {
        return Map.of();
    }
}
