package io.crosskernel.kernels.common;

/**
 * Decides which tasks a stage's {@code failEvery} makes fail: every n-th task dispatched to the stage, counted where
 * every task of the stage passes (the kernel's dispatching worker), so the count is exact however many workers run
 * the tasks.
 *
 * <p>Threading: owned by one thread (worker 0). Allocates nothing after construction.
 */
public final class FaultInjection {
    private final long[] failEvery;
    private final long[] dispatched;

    /** @param failEvery per group, 0 for never */
    public FaultInjection(long[] failEvery) {
        this.failEvery = failEvery.clone();
        this.dispatched = new long[failEvery.length];
    }

    /** For the groups of {@code stages}. */
    public static FaultInjection of(LocalStages stages) {
        long[] failEvery = new long[stages.count()];
        for (int g = 0; g < failEvery.length; g++) {
            failEvery[g] = stages.failEvery(g);
        }
        return new FaultInjection(failEvery);
    }

    /** Counts one more task of {@code group}; returns true when that task is to fail. */
    public boolean nextFails(int group) {
        long sequence = ++dispatched[group];
        long every = failEvery[group];
        return every > 0 && sequence % every == 0;
    }
}
