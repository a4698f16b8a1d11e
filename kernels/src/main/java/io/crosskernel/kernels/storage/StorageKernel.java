package io.crosskernel.kernels.storage;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.StateJournal;
import io.crosskernel.api.WorkCost;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.kernels.common.DispatcherCore;
import io.crosskernel.kernels.common.InboundDrainer;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.JobSink;
import io.crosskernel.kernels.common.LocalStages;
import io.crosskernel.kernels.common.SourcePoller;
import io.crosskernel.kernels.common.StageForwarder;
import io.crosskernel.kernels.common.StageIntake;
import io.crosskernel.kernels.common.SyntheticTask;
import io.crosskernel.kernels.common.TaskFailurePolicy;
import io.crosskernel.kernels.common.TaskRunner;
import io.crosskernel.kernels.common.data.ChecksumJob;
import io.crosskernel.kernels.common.data.CompressJob;
import io.crosskernel.kernels.common.data.EncryptJob;
import io.crosskernel.kernels.common.data.ValueFiller;
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
 * only counted failed (the shared {@link TaskFailurePolicy}, with {@link LogFailedException} as this kernel's
 * run-fatal fault). Gets go on until the run stops. Tasks run on the shared {@link DispatcherCore}.
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
    /** The names of the real work a simulated run models ({@link StorageKernelFactory#modelledWork()}). */
    static final String PUT_WORK = "put";
    static final String GET_WORK = "get";
    static final String COMPRESS_WORK = "compress";
    static final String CHECKSUM_WORK = "checksum";
    static final String ENCRYPT_WORK = "encrypt";

    /** Largest index sizing hint: beyond it the index grows on demand instead of being allocated up front. */
    static final int MAX_INDEX_HINT = 1 << 22;

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
    private DispatcherCore core;
    private SourcePoller sources;
    private InboundDrainer inbound;
    private Path directory;
    private StorageEngine engine;
    private RecoveryReport recovery;
    /** What a simulated run charges for each op's real work ({@code WorkCost.NONE} in a real run). */
    private WorkCost putCost;
    private WorkCost getCost;
    private WorkCost compressCost;
    private WorkCost checksumCost;
    private WorkCost encryptCost;
    private CompressJob compressJob;
    private ChecksumJob checksumJob;
    private EncryptJob encryptJob;
    private byte[] valueBuffer;
    private byte[] readBuffer;
    private byte[] inputBuffer;
    private StateJournal stateJournal = StateJournal.NONE;

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
        // A failed log fails every later write the same way: it stops the run once, with the log's own message.
        this.core = new DispatcherCore(context, 0, new Task(), forwarder.afterTaskSink(),
                TaskFailurePolicy.alsoFatal(context, 0, LogFailedException.class), stages);
        int maxValue = settings.maxValue();
        this.valueBuffer = new byte[maxValue];
        this.readBuffer = new byte[maxValue];
        this.inputBuffer = new byte[maxValue];
        this.putCost = context.workCost(PUT_WORK);
        this.getCost = context.workCost(GET_WORK);
        this.compressCost = context.workCost(COMPRESS_WORK);
        this.checksumCost = context.workCost(CHECKSUM_WORK);
        this.encryptCost = context.workCost(ENCRYPT_WORK);
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
        work += core.runTasks(runQueue, settings.batch());
        jobsInFlight.set(pool.inUse());
        return work;
    }

    /** Requests this kernel holds, as last published by the worker. Any thread; 0 once the kernel has drained. */
    public long jobsInFlight() {
        return jobsInFlight.get();
    }

    /** Runs one stage's op; throws for a get that must not be served. */
    private final class Task implements TaskRunner {
        @Override
        public void run(Job job, int group, long startNanos) {
            StageOp op = stages.op(group);
            if (job.faultInjected && op != StageOp.SPIN) {
                // Before any data is touched: an injected failure never leaves a half-done put behind.
                throw InjectedFault.INSTANCE;
            }
            int size = stages.size(group);
            switch (op) {
                case SPIN:
                    SyntheticTask.run(clock, metrics.hiccups, startNanos, stages.costNanos(group), job.faultInjected);
                    break;
                case PUT: {
                    long key = key(job);
                    ValueFiller.fill(key, valueBuffer, size);
                    engine.put(key, valueBuffer, 0, size);
                    stateJournal.put(key, valueBuffer, 0, size);
                    clock.spendModelled(putCost.nanos(size));
                    break;
                }
                case GET:
                    get(key(job));
                    clock.spendModelled(getCost.nanos(size));
                    break;
                case DELETE: {
                    long key = key(job);
                    engine.delete(key);
                    stateJournal.delete(key);
                    clock.spendModelled(putCost.nanos(0)); // a tombstone appended: a put of no data
                    break;
                }
                case COMPRESS: {
                    ValueFiller.fill(job.requestId, inputBuffer, size);
                    int produced = compressJob.run(inputBuffer, size);
                    compressedIn.add(size);
                    compressedOut.add(produced);
                    clock.spendModelled(compressCost.nanos(size));
                    break;
                }
                case CHECKSUM:
                    ValueFiller.fill(job.requestId, inputBuffer, size);
                    checksumJob.run(inputBuffer, size);
                    checksums.increment();
                    clock.spendModelled(checksumCost.nanos(size));
                    break;
                case ENCRYPT:
                    ValueFiller.fill(job.requestId, inputBuffer, size);
                    encryptJob.run(inputBuffer, size);
                    encryptions.increment();
                    clock.spendModelled(encryptCost.nanos(size));
                    break;
                default:
                    throw new IllegalStateException("unknown op " + op);
            }
        }
    }

    /** Error path: a get that found damage, never served. Allocates. */
    private IllegalStateException readFailure(long key, boolean corrupt) {
        String what = corrupt ? "is corrupt on disk (CRC32C mismatch or torn record): not served"
                : "read back bytes that differ from what a put of that key writes: not served";
        return new IllegalStateException("key " + key + " in " + directory + " " + what);
    }

    /** Reads {@code key} back; a hit or a miss returns, a corrupt or mismatched record throws. */
    private void get(long key) {
        ReadResult result = engine.get(key, readBuffer);
        switch (result) {
            case FOUND:
                if (!ValueFiller.matches(key, readBuffer, engine.lastValueLength())) {
                    mismatchedReads.increment();
                    throw readFailure(key, false);
                }
                hits.increment();
                return;
            case NOT_FOUND:
                misses.increment();
                return;
            case CORRUPT:
                corruptReads.increment();
                throw readFailure(key, true);
            default:
                // the read buffer is maxValue long and the log refuses longer values: cannot happen
                throw new IllegalStateException("value of key " + key + " does not fit the read buffer: " + result);
        }
    }

    private long key(Job job) {
        return Math.floorMod(job.payload, settings.keys());
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
