package io.crosskernel.kernels.common;

/**
 * The jobs one worker has ready to run, in the order its kernel's policy wants them run: what
 * {@link DispatcherCore#runTasks} takes from. {@link JobQueue} is the FIFO one; the general kernel's fair-share run
 * queue is another.
 *
 * <p>Threading: owned by one worker; never shared.
 */
public interface TaskQueue {
    /** @return the next job to run, removed, or {@code null} when none is ready */
    Job poll();

    /**
     * Tells the policy that {@code job} ran for {@code ranNanos}, before the job is handed on (afterwards the job
     * may belong to another thread). The default ignores it.
     */
    default void charge(Job job, long ranNanos) {
    }
}
