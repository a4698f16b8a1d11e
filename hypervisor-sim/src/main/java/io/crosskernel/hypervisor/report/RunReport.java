package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * Everything a run produced, as printed by {@code xk run} and written by {@code --json-report}.
 *
 * @param scenario       the scenario's name
 * @param file           the scenario file, or null
 * @param durationNanos  measured run time from the start of the workload to the end of the drain
 * @param warmupNanos    the scenario's warm-up (latencies before it are discarded)
 * @param announcements  what kernels told the user (bound ports and the like)
 * @param failure        why the run stopped abnormally, or null
 * @param simulation     how the run was simulated; null for a real run
 * @param interrupted    how a signal ended the run early, or null when nothing did
 * @param kernelFailures the failures of kernel processes (docs/PROCESSES.md), in kernel then time order; empty when
 *                       none failed or every kernel ran in a thread
 */
public record RunReport(String scenario, String file, long seed, long durationNanos, long warmupNanos,
        int housekeepingCore, List<KernelReport> kernels, List<ChannelReport> channels,
        List<WorkloadReport> workloads, Accounting accounting, List<ExpectationResult> expectations,
        long taskErrors, List<String> errorSamples, long stalls, List<String> warnings, List<String> announcements, String failure,
        SimulationInfo simulation, RunInterrupted interrupted, List<KernelFailure> kernelFailures) {

    public RunReport {
        kernelFailures = List.copyOf(kernelFailures);
        kernels = List.copyOf(kernels);
        channels = List.copyOf(channels);
        workloads = List.copyOf(workloads);
        expectations = List.copyOf(expectations);
        errorSamples = List.copyOf(errorSamples);
        warnings = List.copyOf(warnings);
        announcements = List.copyOf(announcements);
    }

    /** A report without kernel failures. */
    public RunReport(String scenario, String file, long seed, long durationNanos, long warmupNanos,
            int housekeepingCore, List<KernelReport> kernels, List<ChannelReport> channels,
            List<WorkloadReport> workloads, Accounting accounting, List<ExpectationResult> expectations,
            long taskErrors, List<String> errorSamples, long stalls, List<String> warnings, List<String> announcements,
            String failure, SimulationInfo simulation, RunInterrupted interrupted) {
        this(scenario, file, seed, durationNanos, warmupNanos, housekeepingCore, kernels, channels, workloads,
                accounting, expectations, taskErrors, errorSamples, stalls, warnings, announcements, failure,
                simulation, interrupted, List.of());
    }

    /** A real run's report (no {@code simulation}), not interrupted. */
    public RunReport(String scenario, String file, long seed, long durationNanos, long warmupNanos,
            int housekeepingCore, List<KernelReport> kernels, List<ChannelReport> channels,
            List<WorkloadReport> workloads, Accounting accounting, List<ExpectationResult> expectations,
            long taskErrors, List<String> errorSamples, long stalls, List<String> warnings, List<String> announcements,
            String failure) {
        this(scenario, file, seed, durationNanos, warmupNanos, housekeepingCore, kernels, channels, workloads,
                accounting, expectations, taskErrors, errorSamples, stalls, warnings, announcements, failure, null,
                null);
    }

    /** {@code simulated} for a simulated run, {@code real} otherwise. */
    public String mode() {
        return simulation == null ? "real" : "simulated";
    }

    /** The same report with its expectations checked. */
    public RunReport withExpectations(List<ExpectationResult> results) {
        return new RunReport(scenario, file, seed, durationNanos, warmupNanos, housekeepingCore, kernels, channels,
                workloads, accounting, results, taskErrors, errorSamples, stalls, warnings, announcements, failure,
                simulation, interrupted, kernelFailures);
    }

    /** @return true when every expectation passed (also when there are none) */
    public boolean expectationsPassed() {
        return expectations.stream().allMatch(ExpectationResult::passed);
    }

    /** The shard groups of storage kernels, from the shards' own reports ({@link ShardGroupReport#of}). */
    public List<ShardGroupReport> shardGroups() {
        return ShardGroupReport.of(kernels);
    }

    /** Sum of deadline misses over every workload. */
    public long deadlineMisses() {
        return workloads.stream().mapToLong(WorkloadReport::deadlineMisses).sum();
    }
}
