package io.crosskernel.kernels.general;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.kernels.common.DispatcherCore;
import io.crosskernel.kernels.common.InboundDrainer;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.JobSink;
import io.crosskernel.kernels.common.LocalStages;
import io.crosskernel.kernels.common.Garbage;
import io.crosskernel.kernels.common.OpAdmission;
import io.crosskernel.kernels.common.SourcePoller;
import io.crosskernel.kernels.common.StageForwarder;
import io.crosskernel.kernels.common.StageIntake;
import io.crosskernel.kernels.common.SyntheticTask;
import io.crosskernel.kernels.common.TaskFailurePolicy;
import io.crosskernel.kernels.common.TaskRunner;
import io.crosskernel.kernels.common.data.DataJobs;

/**
 * The general kernel: weighted fair share for best-effort work, run to completion, one worker per core.
 *
 * <p>Worker 0 dispatches: each duty cycle it collects jobs other workers finished and forwards them, retries
 * messages held by full channels, drains inbound channels, releases due source arrivals, and hands each runnable
 * job to the worker with the fewest outstanding jobs (itself included) through a JCTools SPSC queue. Every worker
 * runs its own {@link FairShareRunQueue}. When other workers exist, worker 0 runs one task per duty cycle so that
 * dispatch never waits long behind task work.
 *
 * <p>Each worker runs its tasks with its own {@link DispatcherCore} (timing, counting, the shared error policy); a
 * job another worker ran goes back to worker 0 whether its task succeeded or threw, and worker 0 alone returns it to
 * the pool.
 *
 * <p>Fault injection: every {@code failEvery}-th task of a stage on this kernel throws; the kernel counts it as
 * failed, reports it through {@link KernelContext#reportTaskError} and carries on.
 *
 * <p>Threading: {@link #onBoot} on the host thread; {@link #doWork(int)} for worker {@code i} only on that worker's
 * thread. Each worker writes only its own {@link WorkerMetrics}. Everything the steady state needs is allocated in
 * {@code onBoot}; {@code doWork} allocates nothing, takes no lock and never blocks (a task's cost is a busy spin).
 */
public final class GeneralKernel implements Kernel {
    private final GeneralSettings settings;
    private final SingleWriterCounter jobsInFlight = new SingleWriterCounter();

    private KernelContext context;
    private Clock clock;
    private int workers;
    private WorkerMetrics[] metrics;
    private LocalStages groups;
    /** Per worker, only when a stage runs a data job (compress, checksum, encrypt). */
    private DataJobs[] dataJobs;
    /** Per worker: the garbage of its {@code allocate} stages (one small ring each, allocated at boot). */
    private Garbage[] garbage;
    private FairShareRunQueue[] runQueues;
    private WorkerLink[] links;
    /** Per worker: runs its tasks. */
    private DispatcherCore[] cores;
    // Worker 0 only.
    private JobPool pool;
    private StageIntake intake;
    private int[] outstanding;
    private StageForwarder forwarder;
    private SourcePoller sources;
    private InboundDrainer inbound;

    public GeneralKernel(GeneralSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onBoot(KernelContext context) {
        this.context = context;
        this.clock = context.clock();
        this.workers = context.workerCount();
        if (workers < 1) {
            throw new IllegalArgumentException("kernel " + context.kernelName() + " needs at least one core");
        }
        this.metrics = new WorkerMetrics[workers];
        for (int w = 0; w < workers; w++) {
            metrics[w] = context.metrics(w);
        }
        this.groups = new LocalStages(context.kernelId(), context.routes());
        boolean anyDataJob = false;
        for (int g = 0; g < groups.count(); g++) {
            anyDataJob |= groups.op(g).isDataJob();
        }
        if (anyDataJob) {
            dataJobs = new DataJobs[workers];
            int maxSize = OpAdmission.maxSize(context.kernelId(), context.routes());
            for (int w = 0; w < workers; w++) {
                dataJobs[w] = new DataJobs(maxSize);
            }
        }
        this.garbage = new Garbage[workers];
        for (int w = 0; w < workers; w++) {
            garbage[w] = new Garbage();
        }
        this.runQueues = new FairShareRunQueue[workers];
        for (int w = 0; w < workers; w++) {
            runQueues[w] = new FairShareRunQueue(groups.weights());
        }
        this.pool = new JobPool(settings.queueDepth());
        this.links = new WorkerLink[workers];
        for (int w = 1; w < workers; w++) {
            links[w] = new WorkerLink(pool.capacity());
        }
        this.intake = new StageIntake(context, metrics[0], pool, groups);
        this.outstanding = new int[workers];
        JobSink dispatcher = new Dispatcher();
        this.forwarder = new StageForwarder(context, 0, pool, dispatcher);
        this.sources = new SourcePoller(context, 0, pool, dispatcher);
        this.inbound = new InboundDrainer(context, 0, pool, dispatcher);
        this.cores = new DispatcherCore[workers];
        for (int w = 0; w < workers; w++) {
            JobSink done = w == 0 ? forwarder.afterTaskSink() : new BackToDispatcher(links[w], w);
            cores[w] = new DispatcherCore(context, w, new Task(w), done, TaskFailurePolicy.standard(context, w),
                    groups);
        }
    }

    @Override
    public int doWork(int worker) {
        return worker == 0 ? dispatchAndRun() : runOther(worker);
    }

    /**
     * Jobs on the worker's run queue or handed to it and not yet taken; for worker 0 also jobs other workers finished
     * and messages held for a retry. Nothing else a duty cycle does changes state when it finds nothing (the drainer's
     * and the poller's start indices move only when they take something), so a worker without these has nothing its
     * next duty cycle could do before a message, an arrival or a sibling gives it some.
     */
    @Override
    public boolean hasPendingWork(int worker) {
        if (runQueues[worker].size() > 0) {
            return true;
        }
        if (worker > 0) {
            return !links[worker].toWorker.isEmpty();
        }
        if (forwarder.heldCount() > 0) {
            return true;
        }
        for (int w = 1; w < workers; w++) {
            if (!links[w].finished.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Worker 0 wakes when a shard group it sends to is due to reshard, to send its markers and switch
     * ({@link StageForwarder#nextSwitchNanos()}); nothing else of this kernel runs on a timer.
     */
    @Override
    public long nextWakeNanos(int worker) {
        return worker == 0 ? forwarder.nextSwitchNanos() : NO_WAKE;
    }

    /**
     * Requests this kernel holds (queued, running, finished but not yet forwarded, or held for retry), as last
     * published by worker 0. Any thread; 0 once the kernel has drained.
     */
    public long jobsInFlight() {
        return jobsInFlight.get();
    }

    /** Messages worker 0 holds because a {@code retry} channel was full. Worker 0 only. */
    int heldForRetry() {
        return forwarder.heldCount();
    }

    private int dispatchAndRun() {
        int work = collectFinished();
        work += forwarder.retryHeld(clock.nanoTime());
        work += inbound.drain(settings.batch());
        work += sources.poll(clock.nanoTime(), settings.batch());
        work += runTasks(0, workers == 1 ? settings.batch() : 1);
        jobsInFlight.set(pool.inUse());
        return work;
    }

    private int runOther(int worker) {
        WorkerLink link = links[worker];
        FairShareRunQueue queue = runQueues[worker];
        int received = 0;
        Job job;
        while ((job = link.toWorker.relaxedPoll()) != null) {
            queue.enqueue(job);
            received++;
        }
        return received + runTasks(worker, settings.batch());
    }

    /** Worker 0: forwards or recycles what the other workers finished. */
    private int collectFinished() {
        int collected = 0;
        for (int w = 1; w < workers; w++) {
            WorkerLink link = links[w];
            Job job;
            while ((job = link.finished.relaxedPoll()) != null) {
                outstanding[w]--;
                forwarder.afterTask(job);
                collected++;
            }
        }
        return collected;
    }

    private int runTasks(int worker, int maxTasks) {
        return cores[worker].runTasks(runQueues[worker], maxTasks);
    }

    /** One task on worker {@code worker}: a spin of the stage's cost, or its data job on that worker's buffers. */
    private final class Task implements TaskRunner {
        private final int worker;

        Task(int worker) {
            this.worker = worker;
        }

        @Override
        public void run(Job job, int group, long startNanos) {
            StageOp op = groups.op(group);
            if (op == StageOp.ALLOCATE && !job.faultInjected) {
                garbage[worker].allocate(groups.size(group)); // then the stage's cost, as a spin
            }
            if (!op.isDataJob()) {
                SyntheticTask.run(clock, metrics[worker].hiccups, startNanos, groups.costNanos(group),
                        job.faultInjected);
            } else if (job.faultInjected) {
                throw InjectedFault.INSTANCE;
            } else {
                dataJobs[worker].run(op, job.requestId, groups.size(group));
            }
        }
    }

    /** Worker {@code i > 0}: hands every job it ran, failed or not, back to worker 0 over its SPSC queue. */
    private static final class BackToDispatcher implements JobSink {
        private final WorkerLink link;
        private final int worker;

        BackToDispatcher(WorkerLink link, int worker) {
            this.link = link;
            this.worker = worker;
        }

        @Override
        public void accept(Job job) {
            if (!link.finished.offer(job)) {
                throw new IllegalStateException("finished queue of worker " + worker + " is full: job leaked");
            }
        }
    }

    /**
     * Worker 0: puts a job whose next stage runs here on the least-loaded worker's run queue, deciding on the way
     * whether fault injection makes it fail (decided here, where every task of a group is counted in one place).
     */
    private final class Dispatcher implements JobSink {
        @Override
        public void accept(Job job) {
            if (!intake.admit(job)) {
                return;
            }
            int target = leastLoadedWorker();
            if (target == 0) {
                runQueues[0].enqueue(job);
            } else {
                outstanding[target]++;
                if (!links[target].toWorker.offer(job)) {
                    throw new IllegalStateException("run queue of worker " + target + " is full: job leaked");
                }
            }
        }

        /** Ties go to the other workers: worker 0 also has dispatch to do. */
        private int leastLoadedWorker() {
            int best = 0;
            int bestLoad = runQueues[0].size();
            for (int w = 1; w < workers; w++) {
                if (outstanding[w] <= bestLoad) {
                    best = w;
                    bestLoad = outstanding[w];
                }
            }
            return best;
        }
    }
}
