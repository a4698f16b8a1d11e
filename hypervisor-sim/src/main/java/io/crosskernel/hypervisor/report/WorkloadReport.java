package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * One workload entry (a route) end to end: {@code generated = completed + failed + dropped + inFlight}.
 *
 * @param kind                how requests arrive: {@code periodic}, {@code stream}, {@code burst} or {@code ingress}
 * @param schedule            the arrival pattern for people, e.g. {@code poisson 1k/s}
 * @param arrivals            the same pattern as numbers
 * @param deadlineNanos       the workload's end-to-end deadline (misses are counted against it), or null when it has
 *                            none
 * @param budgetOverruns      tasks that ran longer than their declared cost (the core was taken away from them)
 * @param throughputPerSecond completed requests per second of measured run time
 * @param e2eNanos            completion minus release, after warm-up
 * @param latenessNanos       start of the first stage minus the scheduled release (cyclictest's lateness)
 * @param stageLatencies      per stage, completion minus arrival at the stage's kernel
 * @param missesByCause       the deadline misses by cause (docs/OBSERVABILITY.md, "Misses by cause")
 */
public record WorkloadReport(String name, String kind, String schedule, ArrivalReport arrivals, Long deadlineNanos,
        List<String> stages, long generated,
        long completed, long failed, long dropped, long inFlight, long deadlineMisses, long budgetOverruns,
        double throughputPerSecond, LatencySummary e2eNanos, LatencySummary latenessNanos,
        List<StageReport> stageLatencies, MissCauses missesByCause) {
    public WorkloadReport {
        stages = List.copyOf(stages);
        stageLatencies = List.copyOf(stageLatencies);
    }

    /** A report whose misses are not attributed (all of them {@code unattributed}). */
    public WorkloadReport(String name, String kind, String schedule, ArrivalReport arrivals, Long deadlineNanos,
            List<String> stages, long generated, long completed, long failed, long dropped, long inFlight,
            long deadlineMisses, long budgetOverruns, double throughputPerSecond, LatencySummary e2eNanos,
            LatencySummary latenessNanos, List<StageReport> stageLatencies) {
        this(name, kind, schedule, arrivals, deadlineNanos, stages, generated, completed, failed, dropped, inFlight,
                deadlineMisses, budgetOverruns, throughputPerSecond, e2eNanos, latenessNanos, stageLatencies,
                new MissCauses(0, 0, 0, 0, deadlineMisses));
    }
}
