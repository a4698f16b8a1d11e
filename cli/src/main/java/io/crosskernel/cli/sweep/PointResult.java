package io.crosskernel.cli.sweep;

import java.util.List;

/**
 * One point of a sweep for one scenario: the value it ran with, the load offered, how the run ended and what each
 * workload did. Immutable.
 *
 * @param index              from 0, in increasing value
 * @param value              the key's value as the scenario read it, e.g. {@code 20k/s}
 * @param baseValue          the same in the kind's base unit (nanoseconds, per second, bytes, or the number)
 * @param offeredPerSecond   requests per second all workloads offer ({@link OfferedLoad})
 * @param offeredUtilisation the CPU time those requests ask for over the kernels' cores (1 = every core busy)
 * @param status             how the point ended ({@link PointStatus})
 * @param exitCode           the run's exit code ({@code xk run}'s), or -1 when it did not run or did not end
 * @param report             the point's JSON report, relative to the sweep's directory; null when there is none
 * @param problem            one line on why the point has no figures, or null
 * @param workloads          per workload in scenario order; empty when the point has no report
 */
public record PointResult(int index, String value, double baseValue, double offeredPerSecond,
        double offeredUtilisation, PointStatus status, int exitCode, String report, String problem,
        List<WorkloadFigures> workloads) {

    public PointResult {
        workloads = List.copyOf(workloads);
    }

    /** The same point with the run's outcome. */
    public PointResult ran(PointStatus newStatus, int newExitCode, String newReport, String newProblem,
            List<WorkloadFigures> figures) {
        return new PointResult(index, value, baseValue, offeredPerSecond, offeredUtilisation, newStatus, newExitCode,
                newReport, newProblem, figures);
    }

    /** The workload called {@code name}, or null. */
    public WorkloadFigures workload(String name) {
        for (WorkloadFigures figures : workloads) {
            if (figures.name().equals(name)) {
                return figures;
            }
        }
        return null;
    }
}
