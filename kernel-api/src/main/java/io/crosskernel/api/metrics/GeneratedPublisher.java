package io.crosskernel.api.metrics;

/**
 * Where a worker that releases requests makes each route's {@link WorkerMetrics#generated} count visible to a
 * reader outside its process, at the moment it counts a release. The host hands one to each worker through
 * {@link io.crosskernel.api.KernelContext#generatedPublisher(int)}: {@link #NONE} when the host reads the worker's
 * counters itself (a kernel in the host's threads, a simulated run); in a kernel process, a release store of the
 * count into the shared counter the host reads (docs/PROCESSES.md, "Sources in a process").
 *
 * <p>Contract: call {@link #publish(int)} right after incrementing {@code generated[route]} and before the request
 * can run, finish, be dropped or leave the worker (a hand-off to another worker, an offer on a channel). The host
 * reads a crashed kernel process's figures as they were last published, and must never find a request there that
 * left or finished without having been released. A worker that asked for a publisher publishes every change of its
 * generated counts through it: nobody else copies them out.
 *
 * <p>Threading: the worker whose counters these are, only (the single writer of the published copies).
 *
 * <p>Cost: implementations must not allocate, lock, log or make system calls; the process's implementation is one
 * load of the worker's own counter and one release store (on x86 two plain {@code mov}s). {@link #NONE} is an empty
 * method the JIT inlines away.
 */
@FunctionalInterface
public interface GeneratedPublisher {
    /** Publishes nothing: whoever reads the counts reads the worker's own counters. */
    GeneratedPublisher NONE = route -> { };

    /**
     * Makes the worker's current {@code generated[route]} visible where it is read, with release semantics: whatever
     * the worker did before (the increment) is visible to a reader that loads the published value with acquire.
     */
    void publish(int route);
}
