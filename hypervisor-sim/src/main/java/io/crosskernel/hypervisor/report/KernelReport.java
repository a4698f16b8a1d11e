package io.crosskernel.hypervisor.report;

import java.util.List;
import java.util.Map;

/**
 * What one kernel did during a run.
 *
 * @param cores          the cores the plan gave it
 * @param grantedCores   per worker, the CPUs the OS actually allowed after pinning (empty when it ran unpinned)
 * @param pinned         true when every worker was pinned to exactly its planned core
 * @param utilisation    busy time over wall time across its workers, 0..1
 * @param latencyNanos   task response time on this kernel (completion minus arrival at the kernel), after warm-up
 * @param latenessNanos  release lateness of the workloads that start on this kernel (start minus scheduled release)
 * @param details        kernel-specific figures ({@link io.crosskernel.api.Kernel#stats()}) in print order, as
 *                       {@link KernelDetails} keeps them (structured values, latency histograms summarised)
 * @param hiccups        the hiccups of its workers (docs/OBSERVABILITY.md, "Misses by cause")
 * @param taskMisses     per realtime task, its deadline misses by cause; empty for other kernel types
 * @param isolation      {@code thread} (pinned threads of the host's JVM) or {@code process} (a JVM of its own)
 * @param pid            the process id of its JVM when it ran in a process of its own, else null
 * @param collector      the collector of its own JVM ({@code G1}, {@code ZGC}, {@code Parallel}, {@code Serial},
 *                       ...) when it ran in a process of its own, else null (the host's JVM's)
 */
public record KernelReport(String name, String type, List<Integer> cores, List<List<Integer>> grantedCores,
        boolean pinned, String idle, long tasksCompleted, long tasksFailed, long messagesIn, long messagesOut,
        long backpressureEvents, long kernelErrors, long stalls, double utilisation, LatencySummary latencyNanos,
        LatencySummary latenessNanos, Map<String, Object> details, HiccupSummary hiccups,
        List<TaskMisses> taskMisses, String isolation, Long pid, String collector) {
    public KernelReport {
        details = KernelDetails.of(details);
        taskMisses = List.copyOf(taskMisses);
        java.util.Objects.requireNonNull(isolation, "isolation");
    }

    /** A kernel whose JVM's collector is not reported. */
    public KernelReport(String name, String type, List<Integer> cores, List<List<Integer>> grantedCores,
            boolean pinned, String idle, long tasksCompleted, long tasksFailed, long messagesIn, long messagesOut,
            long backpressureEvents, long kernelErrors, long stalls, double utilisation, LatencySummary latencyNanos,
            LatencySummary latenessNanos, Map<String, Object> details, HiccupSummary hiccups,
            List<TaskMisses> taskMisses, String isolation, Long pid) {
        this(name, type, cores, grantedCores, pinned, idle, tasksCompleted, tasksFailed, messagesIn, messagesOut,
                backpressureEvents, kernelErrors, stalls, utilisation, latencyNanos, latenessNanos, details, hiccups,
                taskMisses, isolation, pid, null);
    }

    /** A kernel that ran in threads of the host's JVM. */
    public KernelReport(String name, String type, List<Integer> cores, List<List<Integer>> grantedCores,
            boolean pinned, String idle, long tasksCompleted, long tasksFailed, long messagesIn, long messagesOut,
            long backpressureEvents, long kernelErrors, long stalls, double utilisation, LatencySummary latencyNanos,
            LatencySummary latenessNanos, Map<String, Object> details, HiccupSummary hiccups,
            List<TaskMisses> taskMisses) {
        this(name, type, cores, grantedCores, pinned, idle, tasksCompleted, tasksFailed, messagesIn, messagesOut,
                backpressureEvents, kernelErrors, stalls, utilisation, latencyNanos, latenessNanos, details, hiccups,
                taskMisses, "thread", null);
    }

    /** A report without hiccups or per-task misses (a kernel that ran none). */
    public KernelReport(String name, String type, List<Integer> cores, List<List<Integer>> grantedCores,
            boolean pinned, String idle, long tasksCompleted, long tasksFailed, long messagesIn, long messagesOut,
            long backpressureEvents, long kernelErrors, long stalls, double utilisation, LatencySummary latencyNanos,
            LatencySummary latenessNanos, Map<String, Object> details) {
        this(name, type, cores, grantedCores, pinned, idle, tasksCompleted, tasksFailed, messagesIn, messagesOut,
                backpressureEvents, kernelErrors, stalls, utilisation, latencyNanos, latenessNanos, details,
                HiccupSummary.NONE, List.of());
    }
}
