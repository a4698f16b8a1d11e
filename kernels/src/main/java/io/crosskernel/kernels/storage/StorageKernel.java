package io.crosskernel.kernels.storage;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.StateJournal;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.kernels.common.InboundDrainer;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.LocalStages;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.JobSink;
import io.crosskernel.kernels.common.SourcePoller;
import io.crosskernel.kernels.common.StageForwarder;
import io.crosskernel.kernels.common.StageIntake;
import io.crosskernel.kernels.common.SyntheticTask;
import io.crosskernel.kernels.storage.jobs.ChecksumJob;
import io.crosskernel.kernels.storage.jobs.CompressJob;
import io.crosskernel.kernels.storage.jobs.EncryptJob;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The storage kernel: durable work on one core. Each stage that runs here performs its {@code op} for real on a
 * {@link StorageEngine} (an append-only, CRC32C-checked log on Chronicle Queue with an in-memory index) or on a data
 * job, in arrival order (FIFO: a put and a later get of the same key are applied in that order).
 *
 * <ul>
 *   <li>{@code put}: key {@code payload mod keys} (the payload is the request's per-route sequence number, set by
 *       its source and carried along the route), value {@code size} bytes {@link ValueFiller filled} from the key
 *       into a preallocated buffer.</li>
 *   <li>{@code get}: reads the key back (the engine verifies the record's CRC32C) and checks the bytes are what a
 *       put of that key writes; counts hits and misses. A corrupt record or a value that does not match is never
 *       returned: the request is counted failed and reported to the host.</li>
 *   <li>{@code delete}: appends a tombstone for the key.</li>
 *   <li>{@code compress} / {@code checksum} / {@code encrypt}: the {@link CompressJob} / {@link ChecksumJob} /
 *       {@link EncryptJob} on {@code size} bytes filled from the request id.</li>
 *   <li>{@code spin}: a busy spin of {@code cost}, as on the general kernel.</li>
 * </ul>
 * For a data op, {@code cost} is a budget (0: none): the op is not padded to it, but one that runs longer than
 * {@code cost} + 10 µs counts as a budget overrun. Fault injection ({@code failEvery}) fails the task before it
 * touches any data, so an injected failure never leaves a half-done put behind.
 *
 * <p>Storage faults: a log Chronicle would misread fails {@link #onBoot} ({@link LogDamagedException}, which names
 * the damaged regions and the repair). A log that fails while running (its file system is full, a write or a force
 * failed: {@link LogFailedException}) fails that put and every later put and delete without touching the disk; the
 * first such failure stops the run through {@link KernelContext#failRun} with the log's message, the later ones are
 * only counted failed. Gets go on until the run stops.
 *
 * <p>Threading: exactly one worker (the engine is single-threaded; the factory refuses more cores).
 * {@link #onBoot} opens the engine on the host thread (recovery runs there and is announced);
 * {@link #onWorkerStart} hands the engine over to the worker thread, which alone uses it from then on;
 * {@link #stats()} and {@link #onShutdown()} run on the host thread after the worker has stopped, and
 * {@code onShutdown} takes the engine back, syncs it (unless {@code sync: none}) and closes it.
 *
 * <p>Allocation: jobs, buffers and the index (sized for {@code keys}, up to 4M entries) are allocated in
 * {@code onBoot}. Steady state allocates nothing, except where the JDK forces it: {@code encrypt} allocates a
 * {@code GCMParameterSpec} per call and the AES-GCM provider allocates a little in {@code Cipher.init}. Error paths
 * (a corrupt record, an op that throws) allocate the report.
 */
public final class StorageKernel implements Kernel {
    /** The worker stops starting new tasks in a duty cycle after this long, so its heartbeat keeps beating. */
    static final long TIME_SLICE_NANOS = 1_000_000;
    /** As in the general kernel: run time beyond the declared cost plus this much is a budget overrun. */
    static final long BUDGET_SLACK_NANOS = 10_000;
    /** Largest index sizing hint: beyond it the index grows on demand instead of being allocated up front. */
    static final int MAX_INDEX_HINT = 1 << 22;

    private static final int OK = 0;
    private static final int CORRUPT = 1;
    private static final int MISMATCH = 2;

    private final StorageSettings settings;

    // Host thread at boot; worker 0 afterwards.
    private KernelContext context;
    private Clock clock;
    private WorkerMetrics metrics;
    private LocalStages stages;
    private JobPool pool;
    private final JobQueue runQueue = new JobQueue();
    private StageIntake intake;
    private StageForwarder forwarder;
    private SourcePoller sources;
    private InboundDrainer inbound;
    private Path directory;
    private StorageEngine engine;
    private RecoveryReport recovery;
    private CompressJob compressJob;
    private ChecksumJob checksumJob;
    private EncryptJob encryptJob;
    private byte[] valueBuffer;
    private byte[] readBuffer;
    private byte[] inputBuffer;
    private StateJournal stateJournal = StateJournal.NONE;
    /** Key and value length of the last failed get, for its error report. */
    private long lastKey;
    /** Whether the log's failure was reported to the host (once per run). */
    private boolean logFailureReported;

    // Written by worker 0 only; read by the host after it stopped.
    private final SingleWriterCounter hits = new SingleWriterCounter();
    private final SingleWriterCounter misses = new SingleWriterCounter();
    private final SingleWriterCounter corruptReads = new SingleWriterCounter();
    private final SingleWriterCounter mismatchedReads = new SingleWriterCounter();
    private final SingleWriterCounter compressedIn = new SingleWriterCounter();
    private final SingleWriterCounter compressedOut = new SingleWriterCounter();
    private final SingleWriterCounter checksums = new SingleWriterCounter();
    private final SingleWriterCounter encryptions = new SingleWriterCounter();
    private final SingleWriterCounter jobsInFlight = new SingleWriterCounter();

    public StorageKernel(StorageSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onBoot(KernelContext context) {
        if (context.workerCount() != 1) {
            throw new IllegalArgumentException("storage kernel " + context.kernelName() + " runs on exactly one"
                    + " core (its engine is single-threaded), got " + context.workerCount());
        }
        this.context = context;
        this.clock = context.clock();
        this.metrics = context.metrics(0);
        this.stateJournal = context.stateJournal();
        this.stages = new LocalStages(context.kernelId(), context.routes());
        this.pool = new JobPool(settings.queueDepth());
        this.intake = new StageIntake(context, metrics, pool, stages);
        JobSink dispatcher = new Dispatcher();
        this.forwarder = new StageForwarder(context, 0, pool, dispatcher);
        this.sources = new SourcePoller(context, 0, pool, dispatcher);
        this.inbound = new InboundDrainer(context, 0, pool, dispatcher);
        int maxValue = settings.maxValue();
        this.valueBuffer = new byte[maxValue];
        this.readBuffer = new byte[maxValue];
        this.inputBuffer = new byte[maxValue];
        this.checksumJob = new ChecksumJob(maxValue);
        this.encryptJob = EncryptJob.withGeneratedKey(maxValue);
        this.compressJob = new CompressJob(maxValue, Deflater.DEFAULT_COMPRESSION);
        this.directory = settings.directory(context.kernelName()).toAbsolutePath().normalize();
        try {
            LogConfig config = new LogConfig(directory, settings.sync(), settings.syncBatch(), maxValue);
            this.engine = StorageEngine.open(config, (int) Math.min(settings.keys(), MAX_INDEX_HINT));
        } catch (RuntimeException e) {
            compressJob.close();
            throw e;
        }
        this.recovery = engine.recoveryReport();
        context.announce("recovered " + recovery.recordsScanned() + " records from " + directory + " ("
                + (recovery.corruptRecords() + recovery.truncatedRecords()) + " corrupt), " + recovery.liveKeys()
                + " live keys" + (recovery.corruptKeys() > 0 ? ", " + recovery.corruptKeys() + " keys marked corrupt"
                : "") + ", sync " + settings.sync().name().toLowerCase(java.util.Locale.ROOT));
        if (!recovery.damage().isEmpty()) {
            context.announce("damaged records (read past; their keys answer corrupt until written again): "
                    + LogInspection.summary(recovery.damage()));
        }
        if (recovery.tailRecovery() != null) {
            context.announce(recovery.tailRecovery());
        }
    }

    @Override
    public void onWorkerStart(int worker) {
        // Chronicle's appender and tailers check that one thread uses them: this worker is that thread from now on.
        engine.handOverToCurrentThread();
    }

    @Override
    public int doWork(int worker) {
        if (worker != 0) {
            return 0; // never happens: onBoot refuses a second core
        }
        int work = forwarder.retryHeld(clock.nanoTime());
        work += inbound.drain(settings.batch());
        work += sources.poll(clock.nanoTime(), settings.batch());
        work += runTasks();
        jobsInFlight.set(pool.inUse());
        return work;
    }

    /** Requests this kernel holds, as last published by the worker. Any thread; 0 once the kernel has drained. */
    public long jobsInFlight() {
        return jobsInFlight.get();
    }

    private int runTasks() {
        WorkerMetrics m = metrics;
        int ran = 0;
        long sliceEnd = Long.MAX_VALUE;
        Job job;
        while (ran < settings.batch() && (job = runQueue.poll()) != null) {
            int group = job.group;
            long start = clock.nanoTime();
            if (ran == 0) {
                sliceEnd = start + TIME_SLICE_NANOS;
            }
            if (job.stage == 0) {
                m.lateness[job.routeId].record(start - job.originNanos);
            }
            Throwable error = null;
            long end;
            try {
                int outcome = execute(group, job, start);
                end = clock.nanoTime();
                if (outcome == OK) {
                    job.failed = false;
                    m.tasksCompleted.increment();
                    m.taskLatency.record(end - job.arrivalNanos);
                    long cost = stages.costNanos(group);
                    if ((cost > 0 || stages.op(group) == LocalStages.SPIN)
                            && end - start > cost + BUDGET_SLACK_NANOS) {
                        m.budgetOverruns[job.routeId].increment();
                        job.overran = true;
                    }
                } else {
                    error = readFailure(outcome);
                }
            } catch (Exception e) {
                end = clock.nanoTime();
                error = e;
            }
            if (error != null) {
                job.failed = true;
                m.tasksFailed.increment();
                m.failed[job.routeId].increment();
            }
            job.doneNanos = end;
            ran++;
            afterTask(job);
            if (error != null) {
                // After the job is handed on: the host's error policy may stop the run from inside this call.
                reportFailure(group, error);
            }
            if (end >= sliceEnd) {
                break;
            }
        }
        return ran;
    }

    /**
     * Error path. A failed log (its disk is full, a write or a force failed) fails every later write the same way: it
     * stops the run once, with the log's own message, and the puts it fails after that are counted, not reported.
     */
    private void reportFailure(int group, Throwable error) {
        if (error instanceof LogFailedException) {
            if (!logFailureReported) {
                logFailureReported = true;
                context.failRun(0, error.getMessage(), error);
            }
            return;
        }
        context.reportTaskError(0, stages.name(group), error);
    }

    /** Error path: describes a get that found damage. Allocates. */
    private Throwable readFailure(int outcome) {
        String what = outcome == CORRUPT ? "is corrupt on disk (CRC32C mismatch or torn record): not served"
                : "read back bytes that differ from what a put of that key writes: not served";
        return new IllegalStateException("key " + lastKey + " in " + directory + " " + what);
    }

    /** Runs one stage's op. @return OK, or CORRUPT/MISMATCH for a get that must not be served */
    private int execute(int group, Job job, long start) {
        if (job.faultInjected && stages.op(group) != LocalStages.SPIN) {
            throw InjectedFault.INSTANCE;
        }
        int size = stages.size(group);
        switch (stages.op(group)) {
            case LocalStages.SPIN:
                SyntheticTask.run(clock, start, stages.costNanos(group), job.faultInjected);
                return OK;
            case LocalStages.PUT: {
                long key = key(job);
                ValueFiller.fill(key, valueBuffer, size);
                engine.put(key, valueBuffer, 0, size);
                stateJournal.put(key, valueBuffer, 0, size);
                return OK;
            }
            case LocalStages.GET:
                return get(key(job));
            case LocalStages.DELETE: {
                long key = key(job);
                engine.delete(key);
                stateJournal.delete(key);
                return OK;
            }
            case LocalStages.COMPRESS: {
                ValueFiller.fill(job.requestId, inputBuffer, size);
                int produced = compressJob.run(inputBuffer, size);
                compressedIn.add(size);
                compressedOut.add(produced);
                return OK;
            }
            case LocalStages.CHECKSUM:
                ValueFiller.fill(job.requestId, inputBuffer, size);
                checksumJob.run(inputBuffer, size);
                checksums.increment();
                return OK;
            case LocalStages.ENCRYPT:
                ValueFiller.fill(job.requestId, inputBuffer, size);
                encryptJob.run(inputBuffer, size);
                encryptions.increment();
                return OK;
            default:
                throw new IllegalStateException("unknown op " + stages.op(group));
        }
    }

    private int get(long key) {
        ReadResult result = engine.get(key, readBuffer);
        switch (result) {
            case FOUND:
                if (!ValueFiller.matches(key, readBuffer, engine.lastValueLength())) {
                    lastKey = key;
                    mismatchedReads.increment();
                    return MISMATCH;
                }
                hits.increment();
                return OK;
            case NOT_FOUND:
                misses.increment();
                return OK;
            case CORRUPT:
                lastKey = key;
                corruptReads.increment();
                return CORRUPT;
            default:
                // the read buffer is maxValue long and the log refuses longer values: cannot happen
                throw new IllegalStateException("value of key " + key + " does not fit the read buffer: " + result);
        }
    }

    private long key(Job job) {
        return Math.floorMod(job.payload, settings.keys());
    }

    /** A failed job is already counted and only goes back to the pool; a finished one moves on. */
    private void afterTask(Job job) {
        if (job.failed) {
            forwarder.releaseFailed(job);
        } else {
            forwarder.forward(job, job.doneNanos);
        }
    }

    /**
     * Figures for the report: the log's directory and sync policy, what recovery found at boot, then what the run
     * did (puts, gets and their outcome, deletes, bytes appended, syncs, data jobs). Host thread, after the worker
     * stopped (joining it makes the worker's plain fields visible here).
     */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dir", String.valueOf(directory));
        if (engine == null) {
            return out;
        }
        StorageCounters c = engine.counters();
        out.put("sync", settings.sync().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> recovered = new LinkedHashMap<>();
        recovered.put("recordsScanned", recovery.recordsScanned());
        recovered.put("liveKeys", recovery.liveKeys());
        recovered.put("corruptRecords", recovery.corruptRecords());
        recovered.put("truncatedRecords", recovery.truncatedRecords());
        recovered.put("corruptKeys", recovery.corruptKeys());
        out.put("recovery", recovered);
        out.put("corruptRecords", c.corruptRecords());
        out.put("puts", c.puts());
        out.put("gets", c.gets());
        out.put("hits", hits.get());
        out.put("misses", misses.get());
        out.put("corruptReads", corruptReads.get() + mismatchedReads.get());
        out.put("deletes", c.deletes());
        out.put("writtenBytes", c.bytesWritten());
        out.put("syncs", engine.log().forces());
        out.put("compressedInBytes", compressedIn.get());
        out.put("compressedOutBytes", compressedOut.get());
        out.put("checksums", checksums.get());
        out.put("encryptions", encryptions.get());
        return out;
    }

    /** Host thread, after the worker stopped: takes the engine back, forces it (unless sync: none) and closes it. */
    @Override
    public void onShutdown() {
        if (engine == null) {
            return;
        }
        try {
            engine.handOverToCurrentThread();
            if (settings.sync() != SyncPolicy.NONE) {
                engine.sync();
            }
        } finally {
            engine.close();
            compressJob.close();
        }
    }

    /**
     * Worker 0: puts a job whose next stage runs here on the FIFO run queue, deciding on the way whether fault
     * injection makes it fail.
     */
    private final class Dispatcher implements JobSink {
        @Override
        public void accept(Job job) {
            if (intake.admit(job)) {
                runQueue.add(job);
            }
        }
    }
}
