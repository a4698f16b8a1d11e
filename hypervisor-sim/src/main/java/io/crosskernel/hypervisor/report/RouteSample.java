package io.crosskernel.hypervisor.report;

/**
 * One workload route's request accounting at one moment of a run (counts since the start, end-to-end latency since
 * the warm-up ended). {@code generated - completed - failed - dropped} is what is in flight.
 */
public record RouteSample(String name, long generated, long completed, long failed, long dropped,
        long deadlineMisses, long budgetOverruns, LatencySummary endToEnd) {

    /** Requests released but not yet finished one way or another. */
    public long inFlight() {
        return generated - completed - failed - dropped;
    }
}
