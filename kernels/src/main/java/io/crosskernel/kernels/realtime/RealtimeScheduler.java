package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Clock;
import io.crosskernel.api.jfr.BudgetOverrunEvent;
import io.crosskernel.api.jfr.DeadlineMissEvent;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.api.miss.MissLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The real-time dispatcher for one core: releases periodic and sporadic jobs and runs them, one at a time, in EDF or
 * fixed-priority (RM/DM) order, measuring lateness, response time, deadline misses and budget overruns per task.
 *
 * <p><b>Run to completion.</b> Jobs are not preempted: once a job's body starts it runs until it returns, and a more
 * urgent job released meanwhile waits for it. The dispatcher is non-idling (it runs a job whenever one is ready) and
 * decides at each {@link #poll} among jobs released at or before {@code now}. The matching admission test is
 * {@link SchedulabilityAnalysis} under {@link #PREEMPTION}: response-time analysis with blocking by the longest
 * lower-priority job for RM/DM, and the non-preemptive processor-demand test for EDF. Both assume zero dispatch
 * overhead; the real overhead shows up here as release lateness.
 *
 * <p><b>Ready queue.</b> Jobs of one task run in release order, so only each task's oldest ready job competes; the
 * dispatcher picks among those by scanning the (small, fixed) task array: the earliest absolute deadline under EDF
 * (ties to the lower task index), the highest fixed priority under RM/DM (see {@link PriorityOrder}). A scan of n
 * tasks is cheaper than a heap for the n of a real-time kernel and allocates nothing.
 *
 * <p><b>Releases.</b> Periodic job k of a task is released at {@code start + offset + k * T}, however late the
 * dispatcher notices it (lateness is measured from that instant). Sporadic jobs are released by
 * {@link #release(int, long)}; an arrival sooner than the minimum inter-arrival time after the previous release is
 * deferred to the earliest legal release and counted in {@link RtTaskMetrics#earlyArrivals}, so the arrival pattern
 * the analysis assumed holds. At most {@link RtSchedulerConfig#sporadicBacklog()} jobs of a sporadic task wait at
 * once; further arrivals are refused and counted.
 *
 * <p><b>Time.</b> All time comes from the injected {@link Clock} and the {@code now} passed to {@link #poll}. With a
 * {@link io.crosskernel.api.ManualClock} and a body that advances it, a run is deterministic in virtual time.
 *
 * <p><b>Threading.</b> Owned by the kernel's single worker thread: every method except {@link #metrics(int)},
 * {@link #task(int)}, {@link #taskCount()} and {@link #policy()} must be called from it. Metrics are single-writer
 * (this thread) and may be read by the host from any thread. All state is allocated in the constructor; polling,
 * releasing and dispatching allocate nothing (while a JFR recording takes {@link DeadlineMissEvent} or
 * {@link BudgetOverrunEvent}, a miss or an overrun allocates its event; otherwise it costs one check).
 */
public final class RealtimeScheduler {
    /** The dispatcher runs jobs to completion; admit task sets under this model. */
    public static final Preemption PREEMPTION = Preemption.NON_PREEMPTIVE;

    private final RtTask[] tasks;
    private final RtPolicy policy;
    private final Clock clock;
    private final RtJobBody body;
    private final RtSchedulerConfig config;
    /** Names the kernel in the JFR events of a miss or an overrun. */
    private final String kernelName;
    private final RtTaskMetrics[] metrics;
    private final long[] deadline;
    private final long[] budgetLimit;
    private final int[] rank;
    private final TaskJobs[] jobs;
    /** Where deadline misses go for attribution after the run; {@link MissLog} discards nothing until full. */
    private MissLog missLog;
    private boolean started;
    /** When the job the last {@link #poll} ran started and finished, by the scheduler's readings. Owner only. */
    private long lastRunStartNanos;
    private long lastRunFinishNanos;

    /**
     * Prepares a dispatcher for a fixed task set; it does not check schedulability (admission is the caller's job, so
     * overloads can be run and measured too).
     *
     * @throws IllegalArgumentException if the set is empty or two tasks share a name
     */
    public RealtimeScheduler(List<RtTask> tasks, RtPolicy policy, Clock clock, RtJobBody body,
            RtSchedulerConfig config) {
        this(tasks, policy, clock, body, config, "");
    }

    /**
     * As {@link #RealtimeScheduler(List, RtPolicy, Clock, RtJobBody, RtSchedulerConfig)}, naming the kernel it runs
     * on in the JFR events it records for deadline misses ({@link DeadlineMissEvent}) and budget overruns
     * ({@link BudgetOverrunEvent}).
     */
    public RealtimeScheduler(List<RtTask> tasks, RtPolicy policy, Clock clock, RtJobBody body,
            RtSchedulerConfig config, String kernelName) {
        SchedulabilityAnalysis.requireValid(tasks);
        this.kernelName = Objects.requireNonNull(kernelName, "kernelName");
        this.tasks = tasks.toArray(new RtTask[0]);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.body = Objects.requireNonNull(body, "body");
        this.config = Objects.requireNonNull(config, "config");
        int n = this.tasks.length;
        metrics = new RtTaskMetrics[n];
        deadline = new long[n];
        budgetLimit = new long[n];
        jobs = new TaskJobs[n];
        for (int i = 0; i < n; i++) {
            metrics[i] = new RtTaskMetrics();
            deadline[i] = this.tasks[i].deadlineNanos();
            budgetLimit[i] = this.tasks[i].costNanos() + config.overrunSlackNanos();
        }
        rank = policy.isFixedPriority() ? PriorityOrder.ranks(tasks, policy) : new int[n];
    }

    /**
     * Records every deadline miss (task index, release, start, finish, deadline, overrun) into {@code log}, for the
     * host to attribute to a cause after the run. Call before {@link #start}, from the owner thread or before it
     * starts.
     */
    public void recordMissesInto(MissLog log) {
        this.missLog = Objects.requireNonNull(log, "log");
        List<String> names = new ArrayList<>(tasks.length);
        for (RtTask task : tasks) {
            names.add(task.name());
        }
        log.nameTasks(names);
    }

    /**
     * Fixes the time origin: periodic job k of task i is released at {@code startNanos + offset_i + k * T_i}. Call
     * once, before the first {@link #poll} or {@link #release}.
     */
    public void start(long startNanos) {
        if (started) {
            throw new IllegalStateException("the real-time scheduler was already started");
        }
        for (int i = 0; i < tasks.length; i++) {
            jobs[i] = tasks[i].sporadic()
                    ? new SporadicJobs(tasks[i], config.sporadicBacklog())
                    : new PeriodicJobs(startNanos, tasks[i]);
        }
        started = true;
    }

    /**
     * One duty cycle: releases every job due at or before {@code now}, then runs at most one ready job (the most
     * urgent) to completion.
     *
     * @param now the current time from the scheduler's clock
     * @return work done: jobs released plus jobs run; 0 means nothing was due and nothing was ready
     */
    public int poll(long now) {
        requireStarted();
        int work = 0;
        for (int i = 0; i < jobs.length; i++) {
            int released = jobs[i].releaseDue(now);
            if (released > 0) {
                metrics[i].released.add(released);
                work += released;
            }
        }
        int next = mostUrgentReady();
        if (next >= 0) {
            runHead(next);
            work++;
        } else if (missLog != null) {
            missLog.markIdle(now); // the busy period of the next late job starts after this
        }
        return work;
    }

    /**
     * A sporadic job of task {@code taskIndex} arrived at {@code arrivalNanos} (for example the hop timestamp of a
     * message). It becomes ready at the arrival, or later if it came too soon after the previous one (see the class
     * comment), and runs in a later {@link #poll}.
     *
     * @return false if the task's backlog was full and the arrival was refused (and counted)
     * @throws IllegalArgumentException if the task is periodic
     */
    public boolean release(int taskIndex, long arrivalNanos) {
        requireStarted();
        if (!(jobs[taskIndex] instanceof SporadicJobs)) {
            throw new IllegalArgumentException("task '" + tasks[taskIndex].name()
                    + "' is periodic: its jobs are released by the clock");
        }
        int outcome = ((SporadicJobs) jobs[taskIndex]).accept(arrivalNanos);
        if (outcome == SporadicJobs.REFUSED) {
            metrics[taskIndex].refusedArrivals.increment();
            return false;
        }
        if (outcome == SporadicJobs.DEFERRED) {
            metrics[taskIndex].earlyArrivals.increment();
        }
        return true;
    }

    /**
     * The earliest release time of a job not yet released (periodic, or an accepted sporadic arrival), or
     * {@link Long#MAX_VALUE} if none is known: the kernel idles until shortly before it, then busy-spins to it.
     */
    public long nextReleaseNanos() {
        requireStarted();
        long next = Long.MAX_VALUE;
        for (TaskJobs j : jobs) {
            next = Math.min(next, j.nextRelease());
        }
        return next;
    }

    /** Whether a released job is waiting to run. */
    public boolean hasReadyJob() {
        requireStarted();
        return mostUrgentReady() >= 0;
    }

    /** Jobs of task {@code taskIndex} released and not yet run. */
    public long readyJobs(int taskIndex) {
        requireStarted();
        return jobs[taskIndex].readyCount();
    }

    /**
     * The absolute deadline of task {@code taskIndex}'s oldest job released and not yet run, or {@link Long#MAX_VALUE}
     * if none: a job still waiting past it has missed (it is counted in {@link RtTaskMetrics#deadlineMisses} only
     * when it finishes).
     */
    public long oldestReadyDeadline(int taskIndex) {
        requireStarted();
        TaskJobs j = jobs[taskIndex];
        return j.hasReady() ? j.headRelease() + deadline[taskIndex] : Long.MAX_VALUE;
    }

    /** Any thread: the metrics of task {@code taskIndex}. */
    public RtTaskMetrics metrics(int taskIndex) {
        return metrics[taskIndex];
    }

    /** Any thread. */
    public RtTask task(int taskIndex) {
        return tasks[taskIndex];
    }

    /** Any thread. */
    public int taskCount() {
        return tasks.length;
    }

    /** Any thread: the index of the task called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Any thread. */
    public RtPolicy policy() {
        return policy;
    }

    private int mostUrgentReady() {
        int best = -1;
        long bestKey = 0;
        boolean edf = policy == RtPolicy.EDF;
        for (int i = 0; i < jobs.length; i++) {
            if (jobs[i].hasReady()) {
                long key = edf ? jobs[i].headRelease() + deadline[i] : rank[i];
                if (best < 0 || key < bestKey) {
                    best = i;
                    bestKey = key;
                }
            }
        }
        return best;
    }

    private void runHead(int i) {
        TaskJobs j = jobs[i];
        long release = j.headRelease();
        long start = clock.nanoTime();
        metrics[i].onStart(release, start);
        try {
            body.run(i, j.headSeq());
        } catch (Throwable t) {
            j.completeHead();
            metrics[i].failed.increment();
            throw t;
        }
        long finish = clock.nanoTime();
        j.completeHead();
        lastRunStartNanos = start;
        lastRunFinishNanos = finish;
        metrics[i].onFinish(release, start, finish, release + deadline[i], budgetLimit[i]);
        // The same tests as onFinish's counters; each emit costs one check unless a JFR recording takes the event.
        if (finish - (release + deadline[i]) > 0) {
            DeadlineMissEvent.emit(kernelName, "", tasks[i].name(), deadline[i], finish - release);
            if (missLog != null) {
                missLog.record(MissKind.TASK, i, release, start, finish, release + deadline[i],
                        finish - start > budgetLimit[i]);
            }
        }
        if (finish - start > budgetLimit[i]) {
            BudgetOverrunEvent.emit(kernelName, tasks[i].name(), tasks[i].costNanos(), config.overrunSlackNanos(),
                    finish - start);
        }
    }

    /**
     * When the job the last {@link #poll} ran started, by the reading its task's lateness, execution time and budget
     * check used (before the job's body). Owner thread, after a poll that ran a job.
     */
    public long lastRunStartNanos() {
        return lastRunStartNanos;
    }

    /**
     * When the job the last {@link #poll} ran finished, by the reading its task's response time, deadline and budget
     * check used (after the job's body). Owner thread, after a poll that ran a job.
     */
    public long lastRunFinishNanos() {
        return lastRunFinishNanos;
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("start the real-time scheduler before polling or releasing jobs");
        }
    }
}
