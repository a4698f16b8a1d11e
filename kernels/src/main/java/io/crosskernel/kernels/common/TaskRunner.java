package io.crosskernel.kernels.common;

/**
 * What one kernel type does to run one task: the stage of a job, on the calling worker. {@link DispatcherCore} does
 * everything around it (timing, counting, the error policy, handing the job on).
 *
 * <p>Threading: called only by the worker that runs the task; an implementation keeps per-worker state per worker.
 * Implementations are long-lived objects created at boot (never capturing lambdas created per call), and allocate
 * nothing on the success path.
 */
@FunctionalInterface
public interface TaskRunner {
    /**
     * Runs the task. Returning normally means it succeeded; throwing anything (a checked exception, a
     * {@link RuntimeException}, an {@link Error}) means it failed, and {@link TaskFailurePolicy} decides what the
     * failure means for the run.
     *
     * @param job        the job whose stage {@code job.stage} runs now; the runner must not keep it
     * @param group      the job's group (its index in the kernel's stage table)
     * @param startNanos the clock time at which the task started: a spin measures its cost from here
     */
    void run(Job job, int group, long startNanos) throws Exception;
}
