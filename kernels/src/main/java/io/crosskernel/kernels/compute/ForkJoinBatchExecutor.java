package io.crosskernel.kernels.compute;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A real run's {@link BatchExecutor}: a {@link ForkJoinPool} of parallelism = cores whose threads are pinned to the
 * kernel's cores ({@link PinnedForkJoinThreadFactory}). Chunk 0 of a batch forks the others onto its own deque and
 * idle pool threads steal them ({@link BatchChunk}); the kernel's workers run no chunk themselves.
 *
 * <p>Threading: built and shut down on the host thread; {@link #submit} by worker 0; the pool's threads run the
 * chunks. Owns the pool and its threads.
 */
final class ForkJoinBatchExecutor implements BatchExecutor {
    /** How long {@link #shutdown()} waits for the pool's threads to end. */
    static final long SHUTDOWN_WAIT_MILLIS = 2_000;
    /** How long the constructor waits for the pool to start (and pin) all its threads. */
    static final long PRESTART_WAIT_MILLIS = 1_000;

    private final PinnedForkJoinThreadFactory threads;
    private final ForkJoinPool pool;

    /** Starts the pool and, within a bounded wait, all its threads, each pinned to one of {@code cores}. */
    ForkJoinBatchExecutor(String kernelName, List<Integer> cores) {
        PinnedForkJoinThreadFactory.warmUp();
        this.threads = new PinnedForkJoinThreadFactory("compute-" + kernelName + "-fj", cores);
        this.pool = new ForkJoinPool(cores.size(), threads, null, false);
        prestartThreads(cores.size());
    }

    /**
     * Makes the pool start (and pin) all its threads now, at boot, rather than during the first measured batches:
     * {@code n} tasks that each wait for all {@code n} to be running need {@code n} threads. Bounded wait; a pool
     * that starts fewer threads just starts the rest later.
     */
    private void prestartThreads(int n) {
        CountDownLatch running = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            pool.execute(() -> {
                running.countDown();
                try {
                    running.await(PRESTART_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            running.await(PRESTART_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void submit(Batch batch) {
        batch.submit(pool);
    }

    /** The pool's threads run every chunk: a worker has none of its own. */
    @Override
    public int runChunk(int worker) {
        return 0;
    }

    @Override
    public int parallelism() {
        return pool.getParallelism();
    }

    /** Estimated chunks taken by a pool thread from another thread's deque (an estimate while running). */
    @Override
    public long steals() {
        return pool.getStealCount();
    }

    @Override
    public List<ForkJoinPin> pins() {
        return threads.pins();
    }

    @Override
    public boolean terminated() {
        return pool.isTerminated();
    }

    @Override
    public void shutdown() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
