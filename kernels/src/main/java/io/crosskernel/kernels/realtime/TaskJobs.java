package io.crosskernel.kernels.realtime;

/**
 * The jobs of one task, in release order: pending (release time not reached), ready, then finished. Jobs of one task
 * never overtake each other, so only the oldest ready job (the head) competes for the core.
 *
 * <p>Threading: owned by the scheduler's owner thread; allocation-free after construction.
 */
abstract class TaskJobs {
    /** Marks every job whose release time is at or before {@code now} as ready; returns how many became ready. */
    abstract int releaseDue(long now);

    /** Whether a released job is waiting to run. */
    abstract boolean hasReady();

    /** The release time of the oldest ready job; only if {@link #hasReady()}. */
    abstract long headRelease();

    /** The sequence number of the oldest ready job; only if {@link #hasReady()}. */
    abstract long headSeq();

    /** The head job has run (or failed): it leaves the task. */
    abstract void completeHead();

    /** Release time of the earliest job not yet ready, or {@link Long#MAX_VALUE} if none is known. */
    abstract long nextRelease();

    /** Jobs released (ready) and not yet run. */
    abstract long readyCount();
}
