package io.crosskernel.kernels.realtime;

import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.SingleWriterCounter;

/**
 * What the dispatcher measured for one task.
 *
 * <p>Ownership: written only by the scheduler's owner thread (the kernel worker); read by the host from any thread.
 * Counters are {@link SingleWriterCounter}s and histograms {@link LatencyRecorder}s, so readers never block the writer
 * and see values that may lag it slightly. Derived figures (minimum, average) read two counters that are not updated
 * atomically together, so a concurrent reader may see them one job apart.
 */
public final class RtTaskMetrics {
    /** Jobs that became ready (their release time was reached). */
    public final SingleWriterCounter released = new SingleWriterCounter();
    /** Jobs run to completion (including those that missed their deadline or overran their budget). */
    public final SingleWriterCounter completed = new SingleWriterCounter();
    /** Jobs whose body threw; they are not run again. */
    public final SingleWriterCounter failed = new SingleWriterCounter();
    /** Jobs that finished after release + D. */
    public final SingleWriterCounter deadlineMisses = new SingleWriterCounter();
    /** Jobs that executed for longer than their budget plus the configured slack. */
    public final SingleWriterCounter budgetOverruns = new SingleWriterCounter();
    /** Sporadic arrivals earlier than the minimum inter-arrival time allows; their release was deferred. */
    public final SingleWriterCounter earlyArrivals = new SingleWriterCounter();
    /** Sporadic arrivals refused because the task's backlog was full. */
    public final SingleWriterCounter refusedArrivals = new SingleWriterCounter();
    /** Release lateness: start minus release (cyclictest's latency). */
    public final LatencyRecorder lateness = new LatencyRecorder();
    /** Response time: finish minus release. */
    public final LatencyRecorder response = new LatencyRecorder();

    private final SingleWriterCounter latenessMin = new SingleWriterCounter();
    private final SingleWriterCounter latenessMax = new SingleWriterCounter();
    private final SingleWriterCounter latenessSum = new SingleWriterCounter();
    private final SingleWriterCounter started = new SingleWriterCounter();
    private final SingleWriterCounter responseMax = new SingleWriterCounter();
    private final SingleWriterCounter executionMax = new SingleWriterCounter();

    RtTaskMetrics() {
        latenessMin.set(Long.MAX_VALUE);
    }

    /** Writer only: a job started at {@code start} for a release at {@code release}. */
    void onStart(long release, long start) {
        long late = start - release;
        started.increment();
        latenessSum.add(late);
        latenessMax.max(late);
        if (late < latenessMin.get()) {
            latenessMin.set(late);
        }
        lateness.record(late);
    }

    /** Writer only: the job finished; checks its deadline and budget. */
    void onFinish(long release, long start, long finish, long absoluteDeadline, long budgetLimit) {
        completed.increment();
        long responseTime = finish - release;
        response.record(responseTime);
        responseMax.max(responseTime);
        long execution = finish - start;
        executionMax.max(execution);
        if (finish - absoluteDeadline > 0) {
            deadlineMisses.increment();
        }
        if (execution > budgetLimit) {
            budgetOverruns.increment();
        }
    }

    /** Any thread: smallest release lateness so far, or -1 before the first job. */
    public long latenessMinNanos() {
        long min = latenessMin.get();
        return min == Long.MAX_VALUE ? -1 : min;
    }

    /** Any thread: largest release lateness so far (0 before the first job). */
    public long latenessMaxNanos() {
        return latenessMax.get();
    }

    /** Any thread: mean release lateness, or 0 before the first job. */
    public double latenessAvgNanos() {
        long n = started.get();
        return n == 0 ? 0 : (double) latenessSum.get() / n;
    }

    /** Any thread: jobs started. */
    public long startedJobs() {
        return started.get();
    }

    /** Any thread: largest response time so far. */
    public long responseMaxNanos() {
        return responseMax.get();
    }

    /** Any thread: longest execution (finish minus start) so far. */
    public long executionMaxNanos() {
        return executionMax.get();
    }
}
