package io.crosskernel.hypervisor.report;

/**
 * One kernel's figures at one moment of a run: counters since the start of the run, latencies since the end of the
 * warm-up (the same figures the final report prints), plus the task latency of the last latency pass alone. Latency
 * figures are refreshed about once a second (see {@link MetricsSample}); counters at every sample.
 *
 * @param workers            pinned worker threads the kernel runs on
 * @param dutyCycles         duty cycles run by all its workers
 * @param busyNanos          time its workers spent in duty cycles that did work (utilisation = delta busy / delta
 *                           wall time / workers)
 * @param dropped            requests this kernel counted as dropped (a {@code drop-newest} or {@code fail} channel
 *                           refused them)
 * @param deadlineMisses     requests that finished on this kernel after their route's deadline, and real-time jobs
 *                           that missed theirs
 * @param budgetOverruns     real-time jobs that ran longer than their declared cost
 * @param stalls             times one of its workers stopped completing duty cycles for longer than the threshold
 * @param latency            task response time since the warm-up ended
 * @param intervalLatency    task response time over the last latency interval only (about a second)
 * @param lateness           release lateness of the workloads that start here, since the warm-up ended
 * @param hiccups            hiccups of its workers so far (gaps above {@code host.hiccupThreshold} in a worker's
 *                           clock readings)
 * @param hiccupLostNanos    their total length
 */
public record KernelSample(String name, String type, int workers, long dutyCycles, long busyNanos,
        long tasksCompleted, long tasksFailed, long messagesIn, long messagesOut, long backpressureEvents,
        long kernelErrors, long dropped, long deadlineMisses, long budgetOverruns, long stalls, LatencySummary latency,
        LatencySummary intervalLatency, LatencySummary lateness, long hiccups, long hiccupLostNanos) {

    /** A sample without hiccup figures. */
    public KernelSample(String name, String type, int workers, long dutyCycles, long busyNanos, long tasksCompleted,
            long tasksFailed, long messagesIn, long messagesOut, long backpressureEvents, long kernelErrors,
            long dropped, long deadlineMisses, long budgetOverruns, long stalls, LatencySummary latency,
            LatencySummary intervalLatency, LatencySummary lateness) {
        this(name, type, workers, dutyCycles, busyNanos, tasksCompleted, tasksFailed, messagesIn, messagesOut,
                backpressureEvents, kernelErrors, dropped, deadlineMisses, budgetOverruns, stalls, latency,
                intervalLatency, lateness, 0, 0);
    }
}
