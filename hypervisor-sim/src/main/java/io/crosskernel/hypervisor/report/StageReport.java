package io.crosskernel.hypervisor.report;

/**
 * One stage of a workload's route.
 *
 * @param index        the stage's position on the route, from 0
 * @param kernel       the kernel that ran it
 * @param latencyNanos completion of the stage minus the request's arrival at that kernel (so a hop's time in the
 *                     channel counts towards the stage that receives it), after warm-up
 */
public record StageReport(int index, String kernel, LatencySummary latencyNanos) {
}
