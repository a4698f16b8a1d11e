package io.crosskernel.kernels.compute;

import io.crosskernel.api.Clock;
import io.crosskernel.kernels.common.SyntheticTask;

/**
 * The CPU work of one chunk of a batch job. The kernel uses {@link #SPIN}; tests substitute uneven or throwing work.
 *
 * <p>Threading: called concurrently by ForkJoinPool threads; implementations must be stateless or thread-safe and
 * should not allocate.
 */
@FunctionalInterface
interface ChunkWork {
    /** Real CPU work: a busy spin of the chunk's share of the cost on the kernel's clock. */
    ChunkWork SPIN = (clock, chunk, costNanos, fail) -> SyntheticTask.run(clock, clock.nanoTime(), costNanos, fail);

    /**
     * Runs chunk {@code chunk} of a batch job.
     *
     * @param costNanos this chunk's share of the job's cost
     * @param fail      when true the chunk must throw after its work (fault injection)
     */
    void run(Clock clock, int chunk, long costNanos, boolean fail);
}
