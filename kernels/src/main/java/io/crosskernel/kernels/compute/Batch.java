package io.crosskernel.kernels.compute;

import io.crosskernel.api.Clock;
import io.crosskernel.kernels.common.Job;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.MpscArrayQueue;

/**
 * A slot for one batch job in flight: the {@link Job}, its chunks (ForkJoin subtasks, created once and reused), a
 * countdown of unfinished chunks and the first error a chunk threw.
 *
 * <p>Ownership moves with the job. The dispatching worker (worker 0) {@link #prepare prepares} an idle slot and
 * {@link #submit submits} chunk 0 to the pool; from then until the last chunk finishes only ForkJoinPool threads
 * touch it; the thread that finishes the last chunk stamps {@link #finishNanos()} and offers the slot to the kernel's
 * {@link MpscArrayQueue} of finished batches (many producers: pool threads; one consumer: worker 0), which hands it
 * back. Pool threads never write worker metrics: worker 0 does all accounting when it collects the slot. In a
 * simulated run there is no pool: the kernel's workers run the chunks one by one in their duty cycles
 * ({@link #runChunkInline}), all on the engine's one thread, and the slot comes back over the same queue.
 *
 * <p>Steady state allocates nothing: the chunks, the countdown and the error holder live as long as the slot.
 */
final class Batch {
    private final Clock clock;
    private final ChunkWork work;
    private final MpscArrayQueue<Batch> finished;
    private final BatchChunk[] chunks;
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    // Written by worker 0 in prepare(), read by pool threads (published by the pool's submit and fork).
    private Job job;
    private int stageIndex;
    private int chunkCount;
    private long chunkCost;
    private int longerChunks;
    private boolean faultInjected;

    // Written by pool threads, read by worker 0 after polling the slot from the finished queue.
    private long startNanos;
    private long finishNanos;

    Batch(Clock clock, ChunkWork work, MpscArrayQueue<Batch> finished, int maxChunks) {
        this.clock = clock;
        this.work = work;
        this.finished = finished;
        this.chunks = new BatchChunk[maxChunks];
        for (int i = 0; i < maxChunks; i++) {
            chunks[i] = new BatchChunk(this, i);
        }
    }

    /**
     * Worker 0: loads {@code job} into this idle slot.
     *
     * @param costNanos     the job's total CPU work, shared out over {@code chunkCount} chunks
     * @param faultInjected when true the job's last chunk throws after its work
     */
    void prepare(Job job, int stageIndex, long costNanos, int chunkCount, boolean faultInjected) {
        if (chunkCount < 1 || chunkCount > chunks.length) {
            throw new IllegalArgumentException("chunks per batch must be 1.." + chunks.length + ", got " + chunkCount);
        }
        this.job = job;
        this.stageIndex = stageIndex;
        this.chunkCount = chunkCount;
        this.chunkCost = costNanos / chunkCount;
        this.longerChunks = (int) (costNanos % chunkCount);
        this.faultInjected = faultInjected;
        this.startNanos = 0;
        this.finishNanos = 0;
        error.set(null);
        unfinished.set(chunkCount);
        for (int i = 0; i < chunkCount; i++) {
            // Every chunk completed in the previous job (see BatchChunk), so reinitialising is allowed.
            chunks[i].reinitialize();
        }
    }

    /** Worker 0: starts the prepared job; chunk 0 forks the rest from inside the pool. */
    void submit(ForkJoinPool pool) {
        pool.execute(chunks[0]);
    }

    /** Pool thread running chunk 0: stamps the start and forks chunks 1.. onto this thread's deque. */
    void forkOthers() {
        startNanos = clock.nanoTime();
        for (int i = 1; i < chunkCount; i++) {
            chunks[i].fork();
        }
    }

    /**
     * Chunk {@code i} run on the calling worker's duty cycle, without the pool ({@link DutyCycleBatchExecutor}):
     * the same steps as {@link BatchChunk#exec()} - chunk 0 stamps the start, an error fails only this job, the
     * last chunk to finish hands the slot back.
     */
    void runChunkInline(int i) {
        if (i == 0) {
            startNanos = clock.nanoTime();
        }
        runChunkKeepingError(i);
        chunkFinished();
    }

    /**
     * Chunk {@code i}'s share of the work; the first {@code cost % chunks} chunks get 1 ns more. A throw fails the
     * job (the first error is kept); the job's other chunks carry on and the batch still completes exactly once.
     */
    void runChunkKeepingError(int i) {
        long cost = chunkCost + (i < longerChunks ? 1 : 0);
        try {
            work.run(clock, i, cost, faultInjected && i == chunkCount - 1);
        } catch (Throwable e) {
            error.compareAndSet(null, e);
        }
    }

    /**
     * Pool thread, after its chunk is marked complete: the thread that finishes the last chunk hands the slot back.
     * The offer cannot fail: the queue holds at least as many slots as exist.
     */
    void chunkFinished() {
        if (unfinished.decrementAndGet() == 0) {
            finishNanos = clock.nanoTime();
            if (!finished.offer(this)) {
                throw new IllegalStateException("finished-batch queue full: a batch slot leaked");
            }
        }
    }

    Job job() {
        return job;
    }

    int stageIndex() {
        return stageIndex;
    }

    int chunkCount() {
        return chunkCount;
    }

    /** When chunk 0 started running: the job's start, for release lateness. */
    long startNanos() {
        return startNanos;
    }

    /** When the last chunk finished. */
    long finishNanos() {
        return finishNanos;
    }

    /** The first error a chunk threw, or {@code null} when every chunk succeeded. */
    Throwable error() {
        return error.get();
    }

    /** Worker 0, after collecting the slot: forgets the job so the slot holds no stale reference. */
    void clear() {
        job = null;
    }
}
