package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * One workload entry (a route) end to end: {@code generated = completed + failed + dropped + lostInCrash +
 * inFlight}.
 *
 * <p>{@code generated} is counted by the worker that released each request and the finishing counts by the workers
 * where requests ended, each on its own thread: {@code inFlight} is what they leave unexplained. After a complete
 * drain it must be 0: above 0 a request was lost (or never drained), below 0 one finished twice (duplicated).
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
 * @param balanced            {@code inFlight == 0}: every generated request completed, failed, was dropped or lost in
 *                            a crash, once
 * @param missesByCause       the deadline misses by cause (docs/OBSERVABILITY.md, "Misses by cause")
 * @param lostInCrash         requests a kernel process had taken and not passed on or finished when it failed
 *                            (docs/PROCESSES.md, "Lost in crash")
 * @param droppedKernelFailed of {@code dropped}, the messages dropped because the kernel they were for had failed and
 *                            stayed down ({@code onKernelFailure: continue})
 */
public record WorkloadReport(String name, String kind, String schedule, ArrivalReport arrivals, Long deadlineNanos,
        List<String> stages, long generated,
        long completed, long failed, long dropped, long inFlight, long deadlineMisses, long budgetOverruns,
        double throughputPerSecond, LatencySummary e2eNanos, LatencySummary latenessNanos,
        List<StageReport> stageLatencies, boolean balanced, MissCauses missesByCause, long lostInCrash,
        long droppedKernelFailed) {
    public WorkloadReport {
        stages = List.copyOf(stages);
        stageLatencies = List.copyOf(stageLatencies);
    }

    /**
     * One line naming the workload and its figures when it does not balance, for the report's problems; null when it
     * does.
     *
     * @param drainTimedOut the run ended without draining (so a positive in-flight count may be work still queued)
     */
    public String problem(boolean drainTimedOut) {
        if (balanced) {
            return null;
        }
        String why;
        if (inFlight < 0) {
            why = -inFlight + " more finished than were generated: a request was duplicated";
        } else if (drainTimedOut) {
            why = inFlight + " still in flight: the drain timed out (raise host.drainTimeout or lower the load)";
        } else {
            why = inFlight + " unaccounted for: lost, or still in flight when the run stopped";
        }
        return "workload " + name + ": generated " + generated + " != completed " + completed + " + failed " + failed
                + " + dropped " + dropped + (lostInCrash == 0 ? "" : " + lost in crash " + lostInCrash) + " (" + why
                + ")";
    }

    /** A report of a workload that lost nothing in a crash. */
    public WorkloadReport(String name, String kind, String schedule, ArrivalReport arrivals, Long deadlineNanos,
            List<String> stages, long generated, long completed, long failed, long dropped, long inFlight,
            long deadlineMisses, long budgetOverruns, double throughputPerSecond, LatencySummary e2eNanos,
            LatencySummary latenessNanos, List<StageReport> stageLatencies, boolean balanced,
            MissCauses missesByCause) {
        this(name, kind, schedule, arrivals, deadlineNanos, stages, generated, completed, failed, dropped, inFlight,
                deadlineMisses, budgetOverruns, throughputPerSecond, e2eNanos, latenessNanos, stageLatencies, balanced,
                missesByCause, 0, 0);
    }

    /** A report whose misses are not attributed (all of them {@code unattributed}). */
    public WorkloadReport(String name, String kind, String schedule, ArrivalReport arrivals, Long deadlineNanos,
            List<String> stages, long generated, long completed, long failed, long dropped, long inFlight,
            long deadlineMisses, long budgetOverruns, double throughputPerSecond, LatencySummary e2eNanos,
            LatencySummary latenessNanos, List<StageReport> stageLatencies, boolean balanced) {
        this(name, kind, schedule, arrivals, deadlineNanos, stages, generated, completed, failed, dropped, inFlight,
                deadlineMisses, budgetOverruns, throughputPerSecond, e2eNanos, latenessNanos, stageLatencies, balanced,
                new MissCauses(0, 0, 0, 0, deadlineMisses));
    }
}
