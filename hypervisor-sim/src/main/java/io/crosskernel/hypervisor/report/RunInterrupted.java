package io.crosskernel.hypervisor.report;

/**
 * A run ended early from outside (a signal), then drained and reported as usual.
 *
 * @param signal       what asked, e.g. {@code SIGINT}
 * @param afterNanos   time from the start of the workload to the request
 * @param plannedNanos the run's planned length, warm-up included
 * @param drainSkipped true when a second request skipped the rest of the drain
 */
public record RunInterrupted(String signal, long afterNanos, long plannedNanos, boolean drainSkipped) {
}
