package io.crosskernel.kernels.compute;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.kernels.common.DispatcherCore;
import io.crosskernel.kernels.common.InboundDrainer;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.LocalStages;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.JobSink;
import io.crosskernel.kernels.common.SourcePoller;
import io.crosskernel.kernels.common.StageForwarder;
import io.crosskernel.kernels.common.StageIntake;
import io.crosskernel.kernels.common.TaskFailurePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.jctools.queues.MpscArrayQueue;

/**
 * The compute kernel: throughput batch work across the kernel's cores with work stealing.
 *
 * <p>Each stage that runs here is a <em>batch job</em>: its {@code cost} is the job's total CPU work, cut into
 * {@code split} chunks that run as ForkJoin subtasks in a {@link ForkJoinPool} of parallelism = cores, whose threads
 * are pinned to the kernel's cores ({@link PinnedForkJoinThreadFactory}). Chunk 0 forks the others onto its own deque
 * and idle pool threads steal them. The pool thread that finishes a job's last chunk hands the job back to worker 0
 * over a JCTools {@link MpscArrayQueue}; worker 0 accounts for it and forwards it with the shared
 * {@link StageForwarder} (finished, next stage here, or over a channel to the next kernel).
 *
 * <p>Worker 0 is the dispatcher: each duty cycle it collects finished jobs, retries messages held by full channels,
 * drains inbound channels, releases due source arrivals and submits waiting jobs while fewer than
 * {@code maxInFlight} are in the pool. Workers 1.. of the host have nothing to do here - the pool threads do the
 * work - and return 0 at once, so their idle strategy backs off: give compute kernels {@code idle: park} or
 * {@code backoff} so those threads leave the cores to the pool.
 *
 * <p>Where the chunks run is a {@link BatchExecutor} the host chooses through
 * {@link KernelContext#mayStartThreads()}: the pinned pool above ({@link ForkJoinBatchExecutor}) in a real run; in a
 * simulated run, which allows no thread of the kernel's own, {@link DutyCycleBatchExecutor}: every worker, worker 0
 * included, takes the next waiting chunk in its duty cycle and spends its cost on its virtual core. Scheduling,
 * accounting and forwarding are the same code in both.
 *
 * <p>Accounting: pool threads never write {@link WorkerMetrics} (single writer per worker). Worker 0 counts each
 * collected job: tasks completed or failed, task latency (finish of the last chunk minus arrival at this kernel),
 * release lateness for first stages (start of chunk 0 minus the scheduled release) and, through the forwarder, stage
 * latency. A chunk that throws fails only its own job: the other chunks still run, the job completes once, counted
 * as failed and reported through {@link KernelContext#reportTaskError}. Fault injection ({@code failEvery}) makes the
 * job's last chunk throw.
 *
 * <p>Threading: {@link #onBoot}, {@link #stats} and {@link #onShutdown} on the host thread; {@link #doWork(int)} for
 * worker {@code i} only on that worker's thread. Steady state allocates nothing: jobs, batch slots and their chunk
 * tasks are created in {@code onBoot} and reused ({@link java.util.concurrent.ForkJoinTask#reinitialize()}).
 */
public final class ComputeKernel implements Kernel {
    private final ComputeSettings settings;
    private final ChunkWork work;
    private final SingleWriterCounter jobsInFlight = new SingleWriterCounter();
    private final SingleWriterCounter batchesCompleted = new SingleWriterCounter();
    private final SingleWriterCounter batchesFailed = new SingleWriterCounter();
    private final SingleWriterCounter chunksRun = new SingleWriterCounter();
    private final SingleWriterCounter batchesRunning = new SingleWriterCounter();

    private KernelContext context;
    private Clock clock;
    private int chunksPerBatch;
    private int maxInFlight;
    private LocalStages stages;
    private BatchExecutor executor;
    private MpscArrayQueue<Batch> finished;
    // Worker 0 only.
    private WorkerMetrics metrics;
    private JobPool pool;
    private JobQueue waiting;
    private Batch[] idleSlots;
    private int idleCount;
    private StageIntake intake;
    private StageForwarder forwarder;
    private DispatcherCore core;
    private SourcePoller sources;
    private InboundDrainer inbound;

    public ComputeKernel(ComputeSettings settings) {
        this(settings, ChunkWork.SPIN);
    }

    /** For tests: the same kernel with other chunk work (uneven, throwing, counting). */
    ComputeKernel(ComputeSettings settings, ChunkWork work) {
        this.settings = settings;
        this.work = work;
    }

    @Override
    public void onBoot(KernelContext context) {
        this.context = context;
        this.clock = context.clock();
        List<Integer> cores = context.cores();
        if (cores.isEmpty()) {
            throw new IllegalArgumentException("kernel " + context.kernelName() + " needs at least one core");
        }
        this.chunksPerBatch = settings.chunksFor(cores.size());
        this.maxInFlight = settings.effectiveMaxInFlight();
        this.stages = new LocalStages(context.kernelId(), context.routes());
        this.metrics = context.metrics(0);
        this.pool = new JobPool(settings.queueDepth());
        this.waiting = new JobQueue();
        // Capacity >= every slot that exists, so a pool thread's offer can never fail.
        this.finished = new MpscArrayQueue<>(Math.max(2, maxInFlight));
        this.idleSlots = new Batch[maxInFlight];
        for (int i = 0; i < maxInFlight; i++) {
            idleSlots[i] = new Batch(clock, work, finished, chunksPerBatch);
        }
        this.idleCount = maxInFlight;
        this.intake = new StageIntake(context, metrics, pool, stages);
        Dispatcher dispatcher = new Dispatcher();
        this.forwarder = new StageForwarder(context, 0, pool, dispatcher);
        this.sources = new SourcePoller(context, 0, pool, dispatcher);
        this.inbound = new InboundDrainer(context, 0, pool, dispatcher);
        // The fork-join pool runs the chunks; worker 0 counts each finished batch as one task, with no budget.
        long[] noBudgets = new long[stages.count()];
        java.util.Arrays.fill(noBudgets, DispatcherCore.NO_BUDGET);
        this.core = DispatcherCore.stepsOnly(context, 0, forwarder.afterTaskSink(),
                TaskFailurePolicy.standard(context, 0), stages.names(), noBudgets);

        // The host decides where chunks run: a pinned pool of our own threads, or (simulated) our workers' cycles.
        this.executor = context.mayStartThreads()
                ? new ForkJoinBatchExecutor(context.kernelName(), cores)
                : new DutyCycleBatchExecutor(cores.size(), maxInFlight * chunksPerBatch);
    }

    /**
     * In a simulated run the workers stand for the pool's threads, which a real pool wakes with a signal when it
     * forks chunks: a chunk reaches an idle worker at once, whatever the kernel's idle strategy.
     */
    @Override
    public boolean wakesIdleWorkersAtOnce() {
        return true;
    }

    @Override
    public int doWork(int worker) {
        // Workers 1.. only run chunks, and only when no pool does (simulation): otherwise they have nothing to do.
        return worker == 0 ? dispatch() : executor.runChunk(worker);
    }

    /**
     * Requests this kernel holds (waiting, running in the pool, finished but not yet forwarded, or held for retry),
     * as last published by worker 0. Any thread.
     */
    public long jobsInFlight() {
        return jobsInFlight.get();
    }

    private int dispatch() {
        int work = collectFinished();
        work += forwarder.retryHeld(clock.nanoTime());
        work += inbound.drain(settings.batch());
        work += sources.poll(clock.nanoTime(), settings.batch());
        int submitted = submitWaiting();
        if (submitted > 0) {
            // Ends this duty cycle at once, so that (in simulation) the siblings hear of the new chunks now rather
            // than after a chunk of worker 0's own.
            work += submitted;
        } else {
            work += executor.runChunk(0);
        }
        jobsInFlight.set(pool.inUse());
        return work;
    }

    /** Worker 0: accounts for and forwards every job the pool has finished. */
    private int collectFinished() {
        int collected = 0;
        Batch batch;
        while ((batch = finished.relaxedPoll()) != null) {
            Job job = batch.job();
            int stageIndex = batch.stageIndex();
            long start = batch.startNanos();
            long done = batch.finishNanos();
            Throwable error = batch.error();
            chunksRun.add(batch.chunkCount());
            batch.clear();
            idleSlots[idleCount++] = batch;
            batchesRunning.set(maxInFlight - idleCount);
            collected++;

            core.recordLateness(job, start);
            if (error == null) {
                batchesCompleted.increment();
                core.succeeded(job, stageIndex, start, done);
                forwarder.afterTask(job);
            } else {
                batchesFailed.increment();
                // Counts it, returns the job to the pool, then applies the shared error policy (which may stop the
                // run from inside this call: a VirtualMachineError in a chunk fails the run).
                core.finishFailed(job, stageIndex, done, error);
            }
        }
        return collected;
    }

    /** Worker 0: starts waiting jobs while fewer than {@code maxInFlight} are in the pool. */
    private int submitWaiting() {
        int submitted = 0;
        while (idleCount > 0 && !waiting.isEmpty()) {
            Job job = waiting.poll();
            Batch batch = idleSlots[--idleCount];
            idleSlots[idleCount] = null;
            int index = job.group;
            batch.prepare(job, index, stages.costNanos(index), chunksPerBatch, job.faultInjected);
            executor.submit(batch);
            submitted++;
        }
        if (submitted > 0) {
            batchesRunning.set(maxInFlight - idleCount);
        }
        return submitted;
    }

    /**
     * The pool's shape (parallelism, chunks per batch, batches in flight at most), what it ran (batches completed and
     * failed, chunks, steals) and, per pool thread in start order, the CPU it asked for, what the OS granted and
     * whether it is pinned. Host thread, after the run.
     */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("parallelism", executor == null ? 0 : executor.parallelism());
        stats.put("chunksPerBatch", chunksPerBatch);
        stats.put("maxInFlight", maxInFlight);
        stats.put("batchesCompleted", batchesCompleted.get());
        stats.put("batchesFailed", batchesFailed.get());
        stats.put("chunksRun", chunksRun.get());
        stats.put("steals", steals());
        List<Map<String, Object>> threadFigures = new ArrayList<>();
        for (ForkJoinPin pin : pins()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("name", pin.thread());
            figures.put("cpu", pin.cpu());
            figures.put("grantedCpus", pin.grantedCpus());
            figures.put("pinned", pin.pinned());
            figures.put("detail", pin.detail());
            threadFigures.add(figures);
        }
        stats.put("poolThreads", threadFigures);
        return stats;
    }

    /** What each pool thread was granted, in start order (host thread, after the run; tests). */
    List<ForkJoinPin> pins() {
        return executor == null ? List.of() : executor.pins();
    }

    /** Estimated chunks taken by a pool thread from another thread's deque (any thread; an estimate while running). */
    long steals() {
        return executor == null ? 0 : executor.steals();
    }

    long batchesCompleted() {
        return batchesCompleted.get();
    }

    long batchesFailed() {
        return batchesFailed.get();
    }

    long chunksRun() {
        return chunksRun.get();
    }

    /** Batch jobs in the pool right now, as last published by worker 0. */
    long batchesRunning() {
        return batchesRunning.get();
    }

    /** True once {@link #onShutdown()} has ended every pool thread. */
    boolean poolTerminated() {
        return executor != null && executor.terminated();
    }

    @Override
    public void onShutdown() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    /**
     * Worker 0: queues a job whose next stage runs on this kernel until a batch slot is free, deciding on the way
     * whether fault injection makes it fail (decided here, where every job of a stage is counted in one place).
     */
    private final class Dispatcher implements JobSink {
        @Override
        public void accept(Job job) {
            if (intake.admit(job)) {
                waiting.add(job);
            }
        }
    }
}
