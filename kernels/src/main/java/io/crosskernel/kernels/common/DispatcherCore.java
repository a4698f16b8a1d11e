package io.crosskernel.kernels.common;

import io.crosskernel.api.Clock;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;

/**
 * The run-to-completion core every kernel type shares: take a job, run its stage, time it, count it, and hand the job
 * on — whatever the task did.
 *
 * <p>One task, in order:
 * <ol>
 *   <li>read the clock (the start); on a request's first stage record its release lateness;</li>
 *   <li>run the kernel's {@link TaskRunner}, catching <em>anything</em> it throws;</li>
 *   <li>read the clock (the end) and count the task: completed (task latency, budget overrun when it ran longer than
 *       its group's budget) or failed (per worker and per route), with {@link Job#failed} and {@link Job#doneNanos}
 *       set;</li>
 *   <li>hand the job to the kernel's {@code done} sink in a {@code finally} (worker 0: the {@link StageForwarder}'s
 *       {@link StageForwarder#afterTask}, which forwards it or returns it to its pool; another worker: the queue
 *       back to worker 0) — so a job is never leaked, even by an {@link Error};</li>
 *   <li>only then, for a failure, apply the {@link TaskFailurePolicy} (report once, or fail the run), since the
 *       host may stop the run from inside that call.</li>
 * </ol>
 * {@link #runTasks} loops over a {@link TaskQueue} for kernels that pick the next job themselves (general, storage,
 * io); a kernel whose scheduler runs the task (realtime) or whose tasks run elsewhere (compute's fork-join pool) uses
 * the steps on their own ({@link #begin}, {@link #succeeded}, {@link #finishFailed}).
 *
 * <p>Threading: one instance per worker, used only by that worker; it writes only that worker's
 * {@link WorkerMetrics}. Allocates nothing after construction on the success and the counted-failure path; the
 * failure report allocates.
 */
public final class DispatcherCore {
    /** A worker stops starting new tasks in a duty cycle after this long, so its heartbeat keeps beating. */
    public static final long TIME_SLICE_NANOS = 1_000_000;
    /**
     * A task that runs longer than its declared cost plus this much counts as a budget overrun: a spin ends within a
     * clock read of its cost, so anything beyond this is the OS or the JVM taking the core away.
     */
    public static final long BUDGET_SLACK_NANOS = 10_000;
    /** A group's budget when it has none: it never overruns. */
    public static final long NO_BUDGET = Long.MAX_VALUE;

    /** The runner of a {@link #stepsOnly} core: never called, since {@link #runTasks} refuses such a core. */
    private static final TaskRunner NO_RUNNER = (job, group, start) -> { };

    private final Clock clock;
    private final WorkerMetrics metrics;
    private final TaskRunner runner;
    private final JobSink done;
    private final TaskFailurePolicy failures;
    private final String[] taskNames;
    private final long[] budgetNanos;

    /**
     * @param worker      the worker that owns this core and whose metrics it writes
     * @param runner      runs one task
     * @param done        takes every job after its task, failed or not, and owns it from then on
     * @param failures    the worker's error policy
     * @param taskNames   per group, the name a failure is reported under
     * @param budgetNanos per group, the longest a task may run before it counts as a budget overrun, or
     *                    {@link #NO_BUDGET}
     */
    public DispatcherCore(KernelContext context, int worker, TaskRunner runner, JobSink done,
            TaskFailurePolicy failures, String[] taskNames, long[] budgetNanos) {
        if (taskNames.length != budgetNanos.length) {
            throw new IllegalArgumentException(taskNames.length + " task names for " + budgetNanos.length
                    + " budgets");
        }
        this.clock = context.clock();
        this.metrics = context.metrics(worker);
        this.runner = runner;
        this.done = done;
        this.failures = failures;
        this.taskNames = taskNames.clone();
        this.budgetNanos = budgetNanos.clone();
    }

    /** For kernels whose groups are a {@link LocalStages} table: its names and budgets. */
    public DispatcherCore(KernelContext context, int worker, TaskRunner runner, JobSink done,
            TaskFailurePolicy failures, LocalStages stages) {
        this(context, worker, runner, done, failures, stages.names(), stages.budgetsNanos(BUDGET_SLACK_NANOS));
    }

    /**
     * A core for a kernel that runs its tasks itself (a scheduler calls the task, or another pool runs it) and uses
     * only the steps ({@link #begin}, {@link #succeeded}, {@link #finishFailed}); {@link #runTasks} refuses.
     */
    public static DispatcherCore stepsOnly(KernelContext context, int worker, JobSink done,
            TaskFailurePolicy failures, String[] taskNames, long[] budgetNanos) {
        return new DispatcherCore(context, worker, NO_RUNNER, done, failures, taskNames, budgetNanos);
    }

    /**
     * Runs up to {@code maxTasks} jobs from {@code queue}, one at a time to completion, stopping early once a task
     * ends after the {@link #TIME_SLICE_NANOS} slice that began with the first.
     *
     * @return how many tasks ran (failed ones included)
     * @throws IllegalStateException on a {@link #stepsOnly} core
     */
    public int runTasks(TaskQueue queue, int maxTasks) {
        if (runner == NO_RUNNER) {
            throw new IllegalStateException("this kernel runs its tasks itself: use the dispatcher core's steps only");
        }
        int ran = 0;
        long sliceEnd = Long.MAX_VALUE;
        Job job;
        while (ran < maxTasks && (job = queue.poll()) != null) {
            long start = begin(job);
            if (ran == 0) {
                sliceEnd = start + TIME_SLICE_NANOS;
            }
            long end = run(job, start, queue);
            ran++;
            if (end >= sliceEnd) {
                break;
            }
        }
        return ran;
    }

    private long run(Job job, long start, TaskQueue queue) {
        int group = job.group;
        Throwable error = null;
        try {
            runner.run(job, group, start);
        } catch (Throwable t) {
            // Everything, Errors included: the job goes on below, and the policy decides what the failure means.
            error = t;
        }
        long end = clock.nanoTime();
        try {
            queue.charge(job, end - start);
            if (error == null) {
                succeeded(job, group, start, end);
            } else {
                countFailed(job, end);
            }
        } finally {
            done.accept(job);
        }
        if (error != null) {
            failures.report(taskNames[group], error);
        }
        return end;
    }

    /** Step 1: reads the clock and, on a request's first stage, records its release lateness. @return the start */
    public long begin(Job job) {
        long start = clock.nanoTime();
        recordLateness(job, start);
        return start;
    }

    /** Records the release lateness of a task that started at {@code startNanos}, when it is its request's first. */
    public void recordLateness(Job job, long startNanos) {
        if (job.stage == 0) {
            LatencyRecorder lateness = metrics.lateness[job.routeId];
            if (lateness != null) {
                lateness.record(startNanos - job.originNanos);
            }
        }
    }

    /**
     * Step 3 for a task that returned: counts it completed, records its latency since arrival, counts a budget
     * overrun, and stamps the job. Does not hand the job on.
     */
    public void succeeded(Job job, int group, long startNanos, long endNanos) {
        job.failed = false;
        job.doneNanos = endNanos;
        metrics.tasksCompleted.increment();
        metrics.taskLatency.record(endNanos - job.arrivalNanos);
        if (endNanos - startNanos > budgetNanos[group]) {
            metrics.budgetOverruns[job.routeId].increment();
        }
    }

    /**
     * Steps 3 to 5 for a task that threw: counts it failed, hands the job to the {@code done} sink (always), then
     * applies the error policy.
     */
    public void finishFailed(Job job, int group, long endNanos, Throwable error) {
        try {
            countFailed(job, endNanos);
        } finally {
            done.accept(job);
        }
        failures.report(taskNames[group], error);
    }

    private void countFailed(Job job, long endNanos) {
        job.failed = true;
        job.doneNanos = endNanos;
        metrics.tasksFailed.increment();
        metrics.failed[job.routeId].increment();
    }
}
