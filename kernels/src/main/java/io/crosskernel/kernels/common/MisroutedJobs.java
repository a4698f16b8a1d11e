package io.crosskernel.kernels.common;

import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.WorkerMetrics;

/**
 * What every kernel does with a job whose stage does not run on it (a message that should never have reached it):
 * count it as dropped on its route, return it to the pool and report it, so it is accounted for and visible.
 *
 * <p>Worker 0 only (it owns the pool and the dispatching metrics). Error path: allocates the report.
 */
public final class MisroutedJobs {
    private MisroutedJobs() {
    }

    public static void drop(KernelContext context, WorkerMetrics metrics, JobPool pool, Job job) {
        pool.release(job);
        boolean knownRoute = job.routeId >= 0 && job.routeId < metrics.dropped.length;
        if (knownRoute) {
            metrics.dropped[job.routeId].increment();
        }
        String route = knownRoute ? context.routes().get(job.routeId).name() : "route " + job.routeId;
        context.reportTaskError(0, route + "#" + job.stage, new IllegalStateException("kernel "
                + context.kernelName() + " received stage " + job.stage + " of '" + route
                + "', which does not run here"));
    }
}
