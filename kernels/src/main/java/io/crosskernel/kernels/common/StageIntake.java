package io.crosskernel.kernels.common;

import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.WorkerMetrics;

/**
 * The first step of every kernel's dispatcher for a job whose next stage runs on this kernel: find the stage's
 * group, decide whether fault injection makes this task fail (decided here, where every task of a group is counted),
 * or drop the job as misrouted when its stage does not run here.
 *
 * <p>Threading: owned by the kernel's dispatching worker (worker 0), which owns the pool and the metrics it writes.
 * Allocates nothing on the normal path; a misrouted job's report allocates.
 */
public final class StageIntake {
    private final KernelContext context;
    private final WorkerMetrics metrics;
    private final JobPool pool;
    private final LocalStages stages;
    private final FaultInjection faults;

    /** @param metrics worker 0's metrics (a misrouted job is counted as dropped there) */
    public StageIntake(KernelContext context, WorkerMetrics metrics, JobPool pool, LocalStages stages) {
        this.context = context;
        this.metrics = metrics;
        this.pool = pool;
        this.stages = stages;
        this.faults = FaultInjection.of(stages);
    }

    /**
     * Tags {@code job} with its group ({@link Job#group}) and fault decision, clearing {@link Job#failed}.
     *
     * @return true when the caller should queue the job; false when its stage does not run here: the job was then
     *     counted as dropped, returned to the pool and reported ({@link MisroutedJobs})
     */
    public boolean admit(Job job) {
        int group = stages.groupOf(job.routeId, job.stage);
        if (group < 0) {
            MisroutedJobs.drop(context, metrics, pool, job);
            return false;
        }
        job.group = group;
        job.faultInjected = faults.nextFails(group);
        job.failed = false;
        return true;
    }
}
