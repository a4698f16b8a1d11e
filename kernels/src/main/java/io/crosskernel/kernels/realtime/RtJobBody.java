package io.crosskernel.kernels.realtime;

/**
 * The work of one real-time job, run by {@link RealtimeScheduler} on its owning thread.
 *
 * <p>In production a {@link SpinningJobBody} (or a real operation); in tests a body that advances a
 * {@link io.crosskernel.api.ManualClock} by an exact cost, which makes the scheduler deterministic under virtual time.
 *
 * <p>Threading: called only by the scheduler's owner thread; must not allocate, block or log.
 */
@FunctionalInterface
public interface RtJobBody {
    /**
     * Runs one job to completion.
     *
     * @param taskIndex the task's index in the scheduler's task list
     * @param jobSeq    the job's sequence number within its task, from 0
     */
    void run(int taskIndex, long jobSeq);
}
