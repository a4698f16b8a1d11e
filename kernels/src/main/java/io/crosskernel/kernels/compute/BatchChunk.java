package io.crosskernel.kernels.compute;

import java.util.concurrent.ForkJoinTask;

/**
 * One chunk of a {@link Batch}: a ForkJoin subtask created at boot and reused for every job the batch slot carries.
 *
 * <p>Chunk 0 is the one the dispatching worker submits; it forks the others onto its own ForkJoin deque, from which
 * idle pool threads steal them, then runs its own share. Every chunk marks itself complete <em>before</em> it counts
 * down the batch, so once the last chunk has counted down every chunk is done and may be
 * {@link #reinitialize() reinitialised} and forked again by the next job, which is what ForkJoinTask's contract asks.
 * {@link #exec()} then returns false so the pool does not touch the task's status after the hand-back.
 *
 * <p>Threading: the dispatching worker prepares and reinitialises it while it is idle; a ForkJoinPool thread runs it.
 * Publication is by the pool's submit and fork operations. Never joined, so it has no result.
 */
final class BatchChunk extends ForkJoinTask<Void> {
    private static final long serialVersionUID = 1L;

    private final transient Batch batch;
    private final int index;

    BatchChunk(Batch batch, int index) {
        this.batch = batch;
        this.index = index;
    }

    @Override
    protected boolean exec() {
        if (index == 0) {
            batch.forkOthers();
        }
        batch.runChunkKeepingError(index);
        quietlyComplete();
        batch.chunkFinished();
        return false;
    }

    @Override
    public Void getRawResult() {
        return null;
    }

    @Override
    protected void setRawResult(Void value) {
    }
}
