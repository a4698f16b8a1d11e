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
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.ShardId;
import io.crosskernel.api.workload.KeyWorkload;
import io.crosskernel.kernels.common.HeavyHitters;
import io.crosskernel.kernels.common.ReshardMessages;
import io.crosskernel.kernels.common.ShardRouting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2LongHashMap;
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

    /** How many of the hottest keys the report lists per kernel. */
    static final int HOT_KEYS_REPORTED = 10;
    private static final java.lang.invoke.VarHandle STAMP =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Largest ledger sizing hint ({@code verify}): a map of 2^21 slots, 32 MiB of longs. */
    static final int MAX_LEDGER_HINT = 1 << 21;

    /** Largest index sizing hint: beyond it the index grows on demand instead of being allocated up front. */
    static final int MAX_INDEX_HINT = 1 << 22;

    private final StorageSettings settings;
    /** Which shard of a group this kernel is, or null. */
    private final ShardId shard;
    /** The log directory, shards of a group each in their own ({@link StorageSettings#directory(KernelSpec)}). */
    private final Path logDirectory;

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
    /** This shard's side of its group's live reshard, or null (no group, or one that never reshards). */
    private ReshardParticipant reshard;
    /** The routes by id: whether a job's stage is addressed to the group (only those may park). */
    private io.crosskernel.api.workload.Route[] routes;
    /** The run's start, read once the first task runs (valid from then on: sources are open). */
    private long runStartNanos = Long.MIN_VALUE;

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
    private final SingleWriterCounter keyedRequests = new SingleWriterCounter();
    /** With {@code verify}: puts and deletes applied here after a write of the same key with a later request id. */
    private final SingleWriterCounter reorderedWrites = new SingleWriterCounter();
    /** The hottest keys of the log ops run here (a bounded sketch, not a map of every key). */
    private final HeavyHitters hotKeys = new HeavyHitters(HeavyHitters.DEFAULT_CAPACITY);
    /** Per local stage group: the keyed workload of its route, for {@code mix} (null when the route has none). */
    private KeyWorkload[] groupKeys;
    /**
     * With {@code verify}: every key put or deleted this run and the request id of its last acknowledged write
     * ({@link #tombstoneOf} for a delete). Sized at boot; a put of a key already in it allocates nothing.
     */
    private Long2LongHashMap ledger;
    private long putsSeen;
    /** Writes the ledger acknowledged but fault injection ({@code loseWriteEvery}) did not write. */
    private long lostWrites;
    /** The end-of-run check ({@link #verify()}), on worker 0 once it stopped; null without {@code verify}. */
    private VerifyResult verified;
    /** The engine's gets before {@link #verify()} read the ledger's keys back: the run's own gets. */
    private long getsBeforeVerify = -1;

    /**
     * The ledger's entry for a key whose last acknowledged write is the delete {@code requestId}: negative (request
     * ids never are), and still naming the write so that the order check sees it.
     */
    static long tombstoneOf(long requestId) {
        return -2 - requestId;
    }

    /** The request id of the write a ledger entry records, a put's or a delete's. */
    static long writeOf(long entry) {
        return entry >= 0 ? entry : -2 - entry;
    }

    /**
     * Per-key order: a write applied after one of the same key with a later request id counts as reordered. Request
     * ids grow in release order along one route, and one sender keeps one key's requests in order, so with one keyed
     * workload this stays 0 unless a write overtook another (across a reshard, say).
     */
    private void checkOrder(long key, long requestId) {
        long last = ledger.get(key);
        if (last != ABSENT && writeOf(last) > requestId) {
            reorderedWrites.increment();
        }
    }
    private static final long ABSENT = Long.MIN_VALUE;
    /** Bytes at the start of a value that hold the request id of the put when the kernel verifies. */
    static final int STAMP_BYTES = Long.BYTES;

    public StorageKernel(StorageSettings settings) {
        this(settings, null, null);
    }

    /**
     * @param logDirectory the log's directory, or null for {@code settings.directory(kernel name)}
     * @param shard        which shard of a group the kernel is, or null
     */
    public StorageKernel(StorageSettings settings, Path logDirectory, ShardId shard) {
        this.settings = settings;
        this.logDirectory = logDirectory;
        this.shard = shard;
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
        this.routes = context.routes().toArray(new io.crosskernel.api.workload.Route[0]);
        if (shard != null && shard.reshard() != null) {
            this.reshard = new ReshardParticipant(shard, settings.keys(), context, new MovingKeysHere(),
                    settings.unsafeHandoff());
            List<io.crosskernel.api.InboundChannel> requests = new ArrayList<>();
            for (io.crosskernel.api.InboundChannel channel : context.inbound()) {
                if (!reshard.isPeer(channel.fromKernel())) {
                    requests.add(channel);
                }
            }
            this.inbound = new InboundDrainer(context, requests, 0, pool, dispatcher);
        } else {
            this.inbound = new InboundDrainer(context, 0, pool, dispatcher);
        }
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
        Path dir = logDirectory != null ? logDirectory : settings.directory(context.kernelName());
        this.directory = dir.toAbsolutePath().normalize();
        this.groupKeys = new KeyWorkload[stages.count()];
        for (io.crosskernel.api.workload.Route route : context.routes()) {
            for (int s = 0; s < route.stages().size(); s++) {
                int g = stages.groupOf(route.id(), s);
                if (g >= 0) {
                    groupKeys[g] = route.keys();
                }
            }
        }
        if (settings.verify()) {
            // Room for the key space up to about 1.3M keys (2^21 slots at load 0.65); beyond, it grows as it fills.
            this.ledger = new Long2LongHashMap((int) Math.min(settings.keys() * 2, MAX_LEDGER_HINT), 0.65f, ABSENT);
        }
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
        if (reshard != null) {
            long dropped = reshard.dropLeftovers(engine::contains);
            if (dropped > 0) {
                context.announce("dropped " + dropped + " keys this shard does not own before the reshard (left over"
                        + " from an earlier run): their owner hands over their state");
            }
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
        if (reshard != null) {
            // Copies and ends first: at the last end the parked requests join the run queue ahead of new arrivals.
            work += reshard.drainPeers(settings.batch(), clock);
        }
        work += inbound.drain(settings.batch());
        work += sources.poll(clock.nanoTime(), settings.batch());
        int ran = core.runTasks(runQueue, settings.batch());
        work += ran;
        if (reshard != null) {
            reshard.tasksRan(ran);
            work += reshard.pump(clock.nanoTime());
        }
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
            if (op == StageOp.MIX) {
                op = groupKeys[group].op(job.requestId);
            }
            if (op.needsLog()) {
                hotKeys.record(key(job));
                if (groupKeys[group] != null) {
                    keyedRequests.increment();
                }
                if (reshard != null) {
                    if (runStartNanos == Long.MIN_VALUE) {
                        runStartNanos = context.runStartNanos();
                    }
                    reshard.recordStart(job.originNanos, startNanos, runStartNanos);
                }
            }
            switch (op) {
                case SPIN:
                    SyntheticTask.run(clock, metrics.hiccups, startNanos, stages.costNanos(group), job.faultInjected);
                    break;
                case PUT: {
                    long key = key(job);
                    ValueFiller.fill(key, valueBuffer, size);
                    if (ledger != null && size >= STAMP_BYTES) {
                        STAMP.set(valueBuffer, 0, job.requestId);
                    }
                    if (settings.loseWriteEvery() > 0 && ++putsSeen % settings.loseWriteEvery() == 0) {
                        lostWrites++; // fault injection: acknowledged below, never written
                    } else {
                        engine.put(key, valueBuffer, 0, size);
                        stateJournal.put(key, valueBuffer, 0, size);
                    }
                    if (ledger != null) {
                        checkOrder(key, job.requestId);
                        ledger.put(key, job.requestId);
                    }
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
                    if (ledger != null) {
                        checkOrder(key, job.requestId);
                        ledger.put(key, tombstoneOf(job.requestId));
                    }
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
                if (!valueMatches(key, readBuffer, engine.lastValueLength())) {
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

    /**
     * Whether a value read back is what a put of {@code key} writes: {@link ValueFiller}'s bytes, except that a
     * kernel that verifies stamps the first {@link #STAMP_BYTES} with the put's request id (such a value reads back
     * as good whether or not the reading kernel verifies: its log may hold values of earlier runs).
     */
    private boolean valueMatches(long key, byte[] value, int length) {
        if (ValueFiller.matches(key, value, length)) {
            return true;
        }
        if (length < STAMP_BYTES) {
            return false;
        }
        // A stamped value (written by a kernel that verifies, in this run or an earlier one): the filler's bytes past
        // the stamp. The put buffer is free between tasks.
        ValueFiller.fill(key, valueBuffer, length);
        return java.util.Arrays.equals(value, STAMP_BYTES, length, valueBuffer, STAMP_BYTES, length);
    }

    /** What the end-of-run check found: keys checked, those that did not answer as acknowledged, those misplaced. */
    record VerifyResult(long keys, long mismatches, long misowned) {
    }

    /**
     * Reads back every key of the ledger and counts those whose answer is not their last acknowledged write (a put's
     * stamp, or absent after a delete), and, in a shard group, those this shard does not own (a sender routed it
     * wrong). Host thread, from {@link #stats()}, once the worker stopped (in a real run and a simulated one alike):
     * it takes the engine over first, as {@link #onShutdown()} does.
     */
    private VerifyResult verify() {
        long[] counts = new long[3];
        int owners = shard == null ? 1 : reshard != null ? reshard.ownersAtEnd() : shard.count();
        ledger.longForEach((key, requestId) -> {
            counts[0]++;
            if (shard != null && ShardRouting.shardOf(key, owners) != shard.index()) {
                counts[2]++;
                counts[1]++;
                return;
            }
            ReadResult result = engine.get(key, readBuffer);
            boolean ok;
            if (requestId < 0) {
                ok = result == ReadResult.NOT_FOUND;
            } else if (result != ReadResult.FOUND) {
                ok = false;
            } else {
                int length = engine.lastValueLength();
                ok = length < STAMP_BYTES || (long) STAMP.get(readBuffer, 0) == requestId;
            }
            if (!ok) {
                counts[1]++;
            }
        });
        return new VerifyResult(counts[0], counts[1], counts[2]);
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
        if (ledger != null && verified == null) {
            engine.handOverToCurrentThread();
            getsBeforeVerify = engine.counters().gets();
            verified = verify();
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
        out.put("gets", getsBeforeVerify >= 0 ? getsBeforeVerify : c.gets());
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
        if (shard != null) {
            Map<String, Object> of = new LinkedHashMap<>();
            of.put("group", shard.group());
            of.put("index", shard.index());
            of.put("count", shard.count());
            out.put("shard", of);
        }
        if (reshard != null) {
            out.put("reshard", reshard.stats(context.runStartNanos()));
        }
        out.put("liveKeys", (long) engine.size());
        out.put("keyedRequests", keyedRequests.get());
        List<Map<String, Object>> hot = new ArrayList<>();
        for (HeavyHitters.Entry e : hotKeys.top(HOT_KEYS_REPORTED)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", e.key());
            entry.put("count", e.count());
            entry.put("error", e.error());
            hot.add(entry);
        }
        out.put("hotKeys", hot);
        if (verified != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("keys", verified.keys());
            v.put("mismatches", verified.mismatches());
            v.put("misowned", verified.misowned());
            v.put("lostWritesInjected", lostWrites);
            v.put("reorderedWrites", reorderedWrites.get());
            out.put("verify", v);
        }
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
            if (ReshardMessages.isControl(job.routeId)) {
                // A sender's marker (the only control message on a request channel): counted, never run.
                if (reshard != null && job.routeId == ReshardMessages.MARKER) {
                    reshard.onMarker(runQueue.size(), clock.nanoTime());
                }
                pool.release(job);
                return;
            }
            if (reshard != null && routes[job.routeId].stage(job.stage).sharded()
                    && reshard.park(job, key(job), clock)) {
                return; // its key's state is still on its way from the old owner
            }
            admit(job);
        }
    }

    /** Admission (fault injection decided), then the FIFO run queue. Worker 0. */
    private void admit(Job job) {
        if (intake.admit(job)) {
            runQueue.add(job);
        }
    }

    /**
     * The engine and ledger side of a reshard, for {@link ReshardParticipant}. Worker 0. A value travels as its
     * length and first 8 bytes: every value this kernel writes is {@link ValueFiller}'s bytes for its key with the
     * verify stamp over the first 8 (and {@link #get} refuses any other), so the receiver rebuilds it byte for byte.
     */
    private final class MovingKeysHere implements ReshardParticipant.MovingKeys {
        @Override
        public int describe(long key, io.crosskernel.api.Envelope copy) {
            copy.traceId = ledger == null ? ReshardMessages.NO_LEDGER_ENTRY : ledger.get(key);
            copy.requestId = 0;
            ReadResult result = engine.get(key, readBuffer);
            clock.spendModelled(getCost.nanos(0));
            if (result != ReadResult.FOUND || !valueMatches(key, readBuffer, engine.lastValueLength())) {
                return ReshardMessages.ABSENT_LENGTH; // absent, deleted, or damaged here: nothing to hand over
            }
            int length = engine.lastValueLength();
            if (length >= STAMP_BYTES) {
                copy.requestId = (long) STAMP.get(readBuffer, 0);
            }
            return length;
        }

        @Override
        public void remove(long key) {
            if (engine.contains(key)) {
                engine.delete(key);
                stateJournal.delete(key);
                clock.spendModelled(putCost.nanos(0));
            }
            if (ledger != null) {
                ledger.remove(key);
            }
        }

        @Override
        public void apply(io.crosskernel.api.Envelope copy) {
            long key = copy.payload;
            int length = copy.stage;
            if (length >= 0) {
                ValueFiller.fill(key, valueBuffer, length);
                if (length >= STAMP_BYTES) {
                    STAMP.set(valueBuffer, 0, copy.requestId);
                }
                engine.put(key, valueBuffer, 0, length);
                stateJournal.put(key, valueBuffer, 0, length);
                clock.spendModelled(putCost.nanos(length));
            } else if (engine.contains(key)) {
                engine.delete(key); // a stale value from an earlier run: the old owner says the key has none
                stateJournal.delete(key);
                clock.spendModelled(putCost.nanos(0));
            }
            if (ledger != null && copy.traceId != ReshardMessages.NO_LEDGER_ENTRY) {
                // A copy older than a write this shard already applied would be a write out of order.
                checkOrder(key, writeOf(copy.traceId));
                ledger.put(key, copy.traceId);
            }
        }

        @Override
        public void release(Job job) {
            admit(job);
        }

        @Override
        public void dropUnowned(long key) {
            engine.delete(key);
        }
    }
}
