package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * One workload route's request accounting at one moment of a run (counts since the start, end-to-end and per-stage
 * latency since the warm-up ended). {@code generated - completed - failed - dropped} is what is in flight.
 *
 * @param stages per pipeline stage, in route order: the stage's latency since the warm-up (the same figures as the
 *               final report's {@link WorkloadReport#stageLatencies()}); empty when the sampler did not fill them in
 */
public record RouteSample(String name, long generated, long completed, long failed, long dropped,
        long deadlineMisses, long budgetOverruns, LatencySummary endToEnd, List<StageReport> stages) {

    public RouteSample {
        stages = List.copyOf(stages);
    }

    /** A sample without per-stage figures. */
    public RouteSample(String name, long generated, long completed, long failed, long dropped, long deadlineMisses,
            long budgetOverruns, LatencySummary endToEnd) {
        this(name, generated, completed, failed, dropped, deadlineMisses, budgetOverruns, endToEnd, List.of());
    }

    /** Requests released but not yet finished one way or another. */
    public long inFlight() {
        return generated - completed - failed - dropped;
    }
}
