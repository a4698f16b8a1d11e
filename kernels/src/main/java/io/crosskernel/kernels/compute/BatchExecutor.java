package io.crosskernel.kernels.compute;

import java.util.List;

/**
 * Where the compute kernel's batch jobs run: the seam between the kernel's scheduling (which job runs next, how it
 * is cut into chunks, how a finished job is accounted for and forwarded) and the threads that spend the chunks' CPU
 * time. The host decides which one through {@link io.crosskernel.api.KernelContext#mayStartThreads()}:
 * {@link ForkJoinBatchExecutor} (a real run: a ForkJoinPool pinned to the kernel's cores) or
 * {@link DutyCycleBatchExecutor} (a simulated run: every chunk runs inside a worker's duty cycle, on the engine's
 * one thread, and its cost is virtual time on that worker's virtual core).
 *
 * <p>Either way a finished {@link Batch} comes back to worker 0 the same way, over the kernel's queue of finished
 * batches, and the kernel's accounting is the same code.
 *
 * <p>Threading: {@link #submit} by worker 0 only; {@link #runChunk(int)} by worker {@code worker}'s thread; the
 * rest on the host thread (boot, after the run).
 */
interface BatchExecutor {
    /** Worker 0: starts a prepared batch. Never blocks. */
    void submit(Batch batch);

    /**
     * Worker {@code worker}'s share of the chunks, in its own duty cycle: runs at most one waiting chunk.
     *
     * @return 1 when a chunk ran, 0 when there was none for this worker (always 0 when a pool runs the chunks)
     */
    int runChunk(int worker);

    /** How many chunks can run at once: the kernel's cores. */
    int parallelism();

    /** Chunks run on another core than the one their batch was submitted from (ForkJoin's steal count). */
    long steals();

    /** What each thread of its own asked for and was granted, in start order; empty when it has none. */
    List<ForkJoinPin> pins();

    /** True once {@link #shutdown()} has ended every thread of its own (at once when it has none). */
    boolean terminated();

    /** Host thread, after the workers stopped: ends the executor's threads, waiting a bounded time. */
    void shutdown();
}
