package io.crosskernel.kernels.compute;

import java.util.List;

/**
 * A simulated run's {@link BatchExecutor}: no thread of its own. A submitted batch's chunks wait in one FIFO, and
 * every worker of the kernel, in each duty cycle, takes the next waiting chunk and runs it there
 * ({@link Batch#runChunkInline}); its cost goes through the kernel's clock, so it is virtual time on that worker's
 * virtual core. A core takes its next chunk as soon as it is free (greedy list scheduling, which is what work
 * stealing approximates), so a batch of {@code c} equal chunks on {@code n} otherwise idle cores finishes after
 * {@code ceil(c / n)} chunk costs: when the most loaded core finishes its last chunk (docs/SIMULATION.md,
 * "The compute kernel").
 *
 * <p>Threading: every worker of the kernel takes chunks from the one FIFO, which is safe only because a simulated
 * run calls every duty cycle of every kernel on one thread ({@link io.crosskernel.api.KernelContext#mayStartThreads()}
 * is false); plain fields. Allocates nothing after construction: the FIFO holds as many chunks as can be in flight.
 */
final class DutyCycleBatchExecutor implements BatchExecutor {
    private final int cores;
    private final Batch[] batches;
    private final int[] chunks;
    private int head;
    private int size;
    private long steals;

    /**
     * @param cores           the kernel's cores (its workers)
     * @param maxChunksWaiting batches in flight at most times chunks per batch
     */
    DutyCycleBatchExecutor(int cores, int maxChunksWaiting) {
        this.cores = cores;
        this.batches = new Batch[maxChunksWaiting];
        this.chunks = new int[maxChunksWaiting];
    }

    /** Queues the batch's chunks in order; they run in the next duty cycles of whichever workers are free. */
    @Override
    public void submit(Batch batch) {
        int count = batch.chunkCount();
        if (size + count > batches.length) {
            throw new IllegalStateException("chunk queue full: " + size + " waiting, " + count + " more");
        }
        for (int i = 0; i < count; i++) {
            int slot = (head + size) % batches.length;
            batches[slot] = batch;
            chunks[slot] = i;
            size++;
        }
    }

    /** Takes and runs the next waiting chunk, if any, on {@code worker}'s virtual core. */
    @Override
    public int runChunk(int worker) {
        if (size == 0) {
            return 0;
        }
        Batch batch = batches[head];
        int chunk = chunks[head];
        batches[head] = null;
        head = (head + 1) % batches.length;
        size--;
        if (worker != 0) {
            steals++;
        }
        batch.runChunkInline(chunk);
        return 1;
    }

    @Override
    public int parallelism() {
        return cores;
    }

    /** Chunks run by a worker other than worker 0, the one that submits. */
    @Override
    public long steals() {
        return steals;
    }

    @Override
    public List<ForkJoinPin> pins() {
        return List.of();
    }

    @Override
    public boolean terminated() {
        return true;
    }

    @Override
    public void shutdown() {
        // No thread to end.
    }
}
