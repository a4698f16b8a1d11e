package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.common.DispatcherCore;
import io.crosskernel.kernels.common.FaultInjection;
import io.crosskernel.kernels.common.InboundDrainer;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.JobSink;
import io.crosskernel.kernels.common.MisroutedJobs;
import io.crosskernel.kernels.common.SourcePoller;
import io.crosskernel.kernels.common.StageForwarder;
import io.crosskernel.kernels.common.TaskFailurePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The realtime kernel: one core, the scenario's stages on it as periodic and sporadic real-time tasks, dispatched
 * one job at a time to completion by a {@link RealtimeScheduler} under EDF, RM or DM.
 *
 * <p><b>Where jobs come from.</b> Every job carries a request. Source arrivals (periodic workloads, streams, bursts
 * whose first stage is here) are released by a {@link SourcePoller} at their scheduled instants
 * ({@code runStart + offset + k T} for a periodic workload), so periodic releases stop when the host closes the
 * sources; messages drained from inbound channels arrive at their hop timestamp; a stage that follows a local one
 * arrives when that one finishes. Each arrival becomes a job of its stage's task: the request waits in the task's FIFO
 * {@link JobQueue} and the scheduler is told of the release ({@link RealtimeScheduler#release}); since a task's jobs
 * never overtake each other, the job the scheduler runs is always the head of that queue. The scheduler enforces each
 * task's minimum inter-arrival time by deferring early arrivals, which keeps the arrival pattern admission assumed.
 *
 * <p><b>After a job.</b> Its request goes to a {@link StageForwarder}: the next stage here or on another kernel, or
 * completion (end-to-end latency, route deadline check). A job whose body throws anything (fault injection with
 * {@code failEvery}) is counted as failed, its request goes back to the pool, and the shared
 * {@link TaskFailurePolicy} reports it through {@link KernelContext#reportTaskError} (the kernel carries on) or, for
 * a {@link VirtualMachineError}, fails the run. The counting and hand-on are the shared {@link DispatcherCore}'s
 * steps; the order in which jobs run is the scheduler's.
 *
 * <p><b>Between releases.</b> {@link #doWork} returns 0, so the worker's idle strategy runs, until the next known
 * release (a source's next arrival or a deferred sporadic release) is within {@code spinAhead}; then the kernel
 * busy-spins on the clock to that instant inside {@code doWork}, releases and runs the job, and returns at least 1 so
 * the idle strategy does not park. The idle strategy still decides what happens further out: with {@code backoff} or
 * {@code park} a wake-up can come late, so scenarios that care about lateness use {@code idle: busy-spin}.
 *
 * <p><b>Measures.</b> Per route: release lateness (start of the first stage minus its scheduled release,
 * cyclictest's measure) and budget overruns (execution beyond the stage cost plus {@code overrunSlack}); per worker:
 * task latency and tasks completed/failed; per task, in {@link #stats()}: released, completed, deadline misses against
 * the task's own deadline, overruns, release lateness and response time distributions.
 *
 * <p>Threading: {@link #onBoot} and {@link #stats()} on the host thread; {@link #doWork(int)} only on the kernel's
 * single worker thread, which owns every queue, the pool, the scheduler and the worker's metrics. The steady state
 * allocates nothing, takes no lock and never blocks (a job's cost is a busy spin).
 */
public final class RealtimeKernel implements Kernel {
    /** Most messages drained per channel, and most source arrivals released, per duty cycle. */
    static final int BATCH = 64;

    private final RealtimeSettings settings;
    private final StageWork work;
    private final SingleWriterCounter jobsInFlight = new SingleWriterCounter();

    private KernelContext context;
    private Clock clock;
    private WorkerMetrics metrics;
    private RealtimeTaskSet taskSet;
    private AdmissionResult admission;
    private RealtimeScheduler scheduler;
    private JobQueue[] queues;
    private long[] stageCost;
    private FaultInjection faults;
    private DispatcherCore core;
    private ArrivalSchedule[] schedules;
    private JobPool pool;
    private StageForwarder forwarder;
    private SourcePoller sources;
    private InboundDrainer inbound;
    /** The task whose job the scheduler handed to the body in the current poll, or -1. */
    private int ranTask = -1;
    /** Per task, the release lateness and response time read so far; host thread only ({@link #stats()}). */
    private Histogram[] latenessTotals;
    private Histogram[] responseTotals;

    public RealtimeKernel(RealtimeSettings settings) {
        this(settings, StageWork.SPIN);
    }

    /** For deterministic tests: {@code work} stands in for the busy spin of each job. */
    RealtimeKernel(RealtimeSettings settings, StageWork work) {
        this.settings = settings;
        this.work = work;
    }

    @Override
    public void onBoot(KernelContext context) {
        if (context.workerCount() != 1) {
            throw new IllegalArgumentException("realtime kernel '" + context.kernelName() + "' got "
                    + context.workerCount() + " cores: give the realtime kernel exactly one core");
        }
        this.context = context;
        this.clock = context.clock();
        this.metrics = context.metrics(0);
        this.taskSet = RealtimeTaskSet.fromRoutes(context.kernelName(), context.kernelId(), context.routes(),
                context.sources(), settings);
        int n = taskSet.size();
        this.queues = new JobQueue[n];
        this.stageCost = new long[n];
        long[] failEvery = new long[n];
        for (int t = 0; t < n; t++) {
            failEvery[t] = taskSet.failEvery(t);
        }
        this.faults = new FaultInjection(failEvery);
        String[] taskNames = new String[n];
        long[] budgets = new long[n];
        List<RtTask> dispatchTasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RtTask t = taskSet.tasks().get(i);
            queues[i] = new JobQueue();
            Route route = context.routes().get(taskSet.routeOf(i));
            stageCost[i] = route.stage(taskSet.stageOf(i)).costNanos();
            taskNames[i] = t.name();
            budgets[i] = stageCost[i] + settings.overrunSlackNanos();
            // Every release reaches the dispatcher as an arrival carrying its request (periodic ones from the
            // source poller at their scheduled instants), so the dispatcher sees every task as sporadic.
            dispatchTasks.add(RtTask.sporadic(t.name(), t.periodNanos(), t.costNanos(), t.deadlineNanos()));
        }
        this.pool = new JobPool(settings.queueDepth());
        this.latenessTotals = new Histogram[n];
        this.responseTotals = new Histogram[n];
        for (int i = 0; i < n; i++) {
            latenessTotals[i] = LatencyRecorder.newAccumulator();
            responseTotals[i] = LatencyRecorder.newAccumulator();
        }
        if (n > 0) {
            this.admission = SchedulabilityAnalysis.analyse(taskSet.tasks(), settings.policy(),
                    RealtimeScheduler.PREEMPTION);
            if (!admission.schedulable()) {
                // Admission runs when the scenario is read; a kernel booted without it runs the overload and says so.
                context.announce("task set not admitted, running anyway: " + admission.message());
            }
            this.scheduler = new RealtimeScheduler(dispatchTasks, settings.policy(), clock, new Body(),
                    new RtSchedulerConfig(settings.queueDepth(), settings.overrunSlackNanos()), context.kernelName());
            scheduler.recordMissesInto(metrics.misses);
            scheduler.start(clock.nanoTime());
        }
        this.schedules = new ArrivalSchedule[context.sources().size()];
        for (int i = 0; i < schedules.length; i++) {
            schedules[i] = context.sources().get(i).schedule();
        }
        JobSink dispatcher = new Dispatcher();
        this.forwarder = new StageForwarder(context, 0, pool, dispatcher);
        this.sources = new SourcePoller(context, 0, pool, dispatcher);
        this.inbound = new InboundDrainer(context, 0, pool, dispatcher);
        // The scheduler runs the tasks (in EDF/RM/DM order); the core counts them and hands their jobs on.
        this.core = DispatcherCore.stepsOnly(context, 0, forwarder.afterTaskSink(),
                TaskFailurePolicy.standard(context, 0), taskNames, budgets);
    }

    @Override
    public int doWork(int worker) {
        long now = clock.nanoTime();
        int done = forwarder.retryHeld(now);
        done += inbound.drain(BATCH);
        done += sources.poll(now, BATCH);
        done += runOne(now);
        if (done == 0 && scheduler != null) {
            long next = nextReleaseNanos();
            if (next != Long.MAX_VALUE && next - clock.nanoTime() <= settings.spinAheadNanos()) {
                // Close enough that handing the core to the idle strategy could make the release late: spin to it.
                clock.spinUntil(next, metrics.hiccups);
                long released = clock.nanoTime();
                done = 1 + sources.poll(released, BATCH) + runOne(released);
            }
        }
        jobsInFlight.set(pool.inUse());
        return done;
    }

    /**
     * Its jobs are metered spins ({@link StageWork#SPIN}) and the rest of a duty cycle is bookkeeping: a pause after a
     * job, before the next duty cycle, delays the next release and must show as a hiccup.
     */
    @Override
    public boolean metersItsWork() {
        return true;
    }

    /**
     * {@code spinAhead} before the earliest known release (a source's next arrival or a deferred sporadic release):
     * from then on a duty cycle spins to the release instead of returning to the idle strategy, so that is when the
     * kernel wants its next look.
     */
    @Override
    public long nextWakeNanos(int worker) {
        if (scheduler == null) {
            return NO_WAKE;
        }
        long next = nextReleaseNanos();
        return next == Long.MAX_VALUE ? NO_WAKE : next - settings.spinAheadNanos();
    }

    /**
     * Requests this kernel holds (queued, or held for a retry of a full channel), as last published by its worker.
     * Any thread; 0 once the kernel has drained.
     */
    public long jobsInFlight() {
        return jobsInFlight.get();
    }

    /** The task set this kernel runs (host thread, after boot). */
    public RealtimeTaskSet taskSet() {
        return taskSet;
    }

    /** The per-task metrics of task {@code task}; any thread, after boot. */
    public RtTaskMetrics taskMetrics(int task) {
        return scheduler.metrics(task);
    }

    /** The earliest release known to be coming: a source's next arrival or a deferred sporadic release. */
    private long nextReleaseNanos() {
        long next = scheduler.nextReleaseNanos();
        if (schedules.length > 0 && context.sourcesOpen()) {
            long runStart = context.runStartNanos();
            for (ArrivalSchedule schedule : schedules) {
                long offset = schedule.peek();
                if (offset != ArrivalSchedule.NO_MORE_ARRIVALS) {
                    next = Math.min(next, runStart + offset);
                }
            }
        }
        return next;
    }

    /**
     * Releases due jobs and runs at most one, then forwards its request (or accounts for its failure).
     *
     * @param sourcesPolledAt the instant up to which the sources have delivered their arrivals this duty cycle. The
     *     scheduler polls at that instant, not at a fresh reading: with nothing ready it marks the kernel idle then
     *     (the start of the next busy period, for miss attribution), and a later reading could fall after a pause in
     *     which arrivals came due that the sources have not delivered yet. Marked idle after them, the jobs they
     *     release would wait behind each other with the pause outside their evidence window, and their misses would
     *     read as the scheduler's.
     */
    private int runOne(long sourcesPolledAt) {
        if (scheduler == null) {
            return 0;
        }
        ranTask = -1;
        int done;
        try {
            done = scheduler.poll(sourcesPolledAt);
        } catch (Throwable e) {
            // Anything the body threw, Errors included: the scheduler has retired the job (and counted it in its
            // task's failures) and rethrown it.
            if (ranTask < 0) {
                throw e;
            }
            core.finishFailed(queues[ranTask].poll(), ranTask, clock.nanoTime(), e);
            return 1;
        }
        if (ranTask >= 0) {
            // Completed over the scheduler's window (its readings before and after the body), the one its task's
            // miss and overrun checks use: a pause between its readings and the body's own could otherwise make the
            // task's miss an overrun and its request's a scheduling miss. One window, one cause.
            Job job = queues[ranTask].poll();
            core.succeeded(job, ranTask, scheduler.lastRunStartNanos(), scheduler.lastRunFinishNanos());
            forwarder.afterTask(job);
        }
        return done;
    }

    /**
     * Runs the head job of a task for the scheduler; counting it completed and forwarding it happen after the
     * scheduler's poll.
     */
    private final class Body implements RtJobBody {
        @Override
        public void run(int taskIndex, long jobSeq) {
            ranTask = taskIndex;
            Job job = queues[taskIndex].peek();
            long start = core.begin(job);
            work.run(clock, metrics.hiccups, start, stageCost[taskIndex], job.faultInjected);
            // Counted completed in runOne, over the scheduler's window, once the scheduler has taken its readings.
        }
    }

    /** Makes an arriving request a job of its stage's task; decides fault injection where every job is counted. */
    private final class Dispatcher implements JobSink {
        @Override
        public void accept(Job job) {
            int task = taskSet.taskOf(job.routeId, job.stage);
            if (task < 0) {
                misrouted(job);
                return;
            }
            job.faultInjected = faults.nextFails(task);
            job.failed = false;
            if (!scheduler.release(task, job.arrivalNanos)) {
                // The task's backlog is as large as the job pool, so this only happens if the two disagree.
                metrics.dropped[job.routeId].increment();
                pool.release(job);
                return;
            }
            queues[task].add(job);
        }

        private void misrouted(Job job) {
            MisroutedJobs.drop(context, metrics, pool, job);
        }
    }

    /**
     * The policy, the admission verdict and, per task, its parameters, counts (released, completed, failed, deadline
     * misses against the task's own D, budget overruns, deferred and refused sporadic arrivals), release lateness and
     * response time over the whole run (warm-up included: the task metrics are the dispatcher's own, kept from the
     * first job), and its longest execution. Host thread, after the worker stopped; the same figures on every call.
     */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("policy", settings.policy().alias());
        stats.put("preemption", RealtimeScheduler.PREEMPTION.label());
        stats.put("schedulable", admission == null || admission.schedulable());
        stats.put("utilisation", admission == null ? 0.0 : admission.utilisation());
        stats.put("admission", admission == null ? "no tasks on this kernel" : admission.message());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; taskSet != null && i < taskSet.size(); i++) {
            tasks.add(taskFigures(i));
        }
        stats.put("tasks", tasks);
        return stats;
    }

    private Map<String, Object> taskFigures(int i) {
        RtTask task = taskSet.tasks().get(i);
        TaskVerdict verdict = admission.verdict(task.name());
        RtTaskMetrics m = scheduler.metrics(i);
        // The recorders hand over what they took since the last read: keep it, so that every call sees all of it.
        m.lateness.drainInto(latenessTotals[i]);
        m.response.drainInto(responseTotals[i]);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", task.name());
        figures.put("workload", context.routes().get(taskSet.routeOf(i)).name());
        figures.put("stage", taskSet.stageOf(i));
        figures.put("sporadic", task.sporadic());
        figures.put("periodNanos", task.periodNanos());
        figures.put("costNanos", task.costNanos());
        figures.put("deadlineNanos", task.deadlineNanos());
        // Fixed-priority analysis bounds each task's response; EDF's test is on the whole set (no per-task figure).
        boolean bounded = verdict.wcrtNanos() >= 0 && verdict.wcrtNanos() != Long.MAX_VALUE;
        figures.put("wcrtNanos", bounded ? verdict.wcrtNanos() : null);
        figures.put("released", m.released.get());
        figures.put("completed", m.completed.get());
        figures.put("failed", m.failed.get());
        figures.put("deadlineMisses", m.deadlineMisses.get());
        figures.put("budgetOverruns", m.budgetOverruns.get());
        figures.put("deferred", m.earlyArrivals.get());
        figures.put("refused", m.refusedArrivals.get());
        figures.put("latenessNanos", latenessTotals[i].copy());
        figures.put("responseNanos", responseTotals[i].copy());
        figures.put("executionMaxNanos", m.executionMaxNanos());
        return figures;
    }
}
