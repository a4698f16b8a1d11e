package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * One workload entry (a route) end to end: {@code generated = completed + failed + dropped + inFlight}.
 *
 * @param throughputPerSecond completed requests per second of measured run time
 * @param e2eNanos            completion minus release, after warm-up
 */
public record WorkloadReport(String name, String kind, String schedule, List<String> stages, long generated,
        long completed, long failed, long dropped, long inFlight, long deadlineMisses, double throughputPerSecond,
        LatencySummary e2eNanos) {
}
