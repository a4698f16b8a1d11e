package io.crosskernel.kernels.storage;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

/**
 * A key-value store over a {@link DurableLog}: {@code put}, {@code get} and {@code delete} of byte values under
 * {@code long} keys, with an in-memory index from key to the log index of the key's latest record.
 *
 * <p>Opening rebuilds the index by scanning the whole log and verifying every record's CRC32C; what it found is in
 * {@link #recoveryReport()}. A key whose latest record is damaged answers {@link ReadResult#CORRUPT} until it is
 * written again. Every {@code get} verifies the CRC of the record it reads as well, so damage that appears after open
 * is caught too.
 *
 * <p>Threading: single-threaded, like the log beneath it (one kernel worker thread). A thread taking over an engine
 * opened elsewhere calls {@link #handOverToCurrentThread()} first. {@link #counters()} may be read from any thread.
 *
 * <p>Cost: {@code put}, {@code get} and {@code delete} do not allocate in steady state: the index is Agrona's
 * open-addressing {@link Long2LongHashMap} (primitive longs, no boxing; it allocates only when it grows), values go
 * into the caller's buffer. Durability cost is the log's {@link SyncPolicy}.
 *
 * <p>Ownership: the engine owns its log and closes it in {@link #close()}.
 */
public final class StorageEngine implements AutoCloseable {
    private static final long NO_INDEX = -1L;
    private static final byte[] EMPTY = new byte[0];

    private final DurableLog log;
    private final Long2LongHashMap index;
    private final LongHashSet corruptKeys = new LongHashSet();
    private final RecordHeader header = new RecordHeader();
    private final StorageCounters counters = new StorageCounters();
    private final RecoveryReport recoveryReport;
    private int lastValueLength = -1;

    private StorageEngine(DurableLog log, int expectedKeys, LogOpening.Checked checked) {
        this.log = log;
        this.index = new Long2LongHashMap(Math.max(16, expectedKeys), 0.65f, NO_INDEX);
        this.recoveryReport = recover(checked);
    }

    /**
     * Opens the log in {@code config.directory()} and rebuilds the index from it. The caller must {@link #close()}
     * the engine.
     *
     * <p>Before Chronicle opens the log, its framing is checked without Chronicle ({@link LogInspector}): a write a
     * crash cut short at the end is discarded and a whole last record with a damaged header is restored (both
     * reported in {@link #recoveryReport()}); any other damage Chronicle would misread refuses the open.
     *
     * @param expectedKeys a sizing hint for the index, so steady-state puts do not make it grow
     * @throws LogDamagedException when the log must be repaired ({@code xk storage repair}) before it may be written
     * @throws LogFailedException  when there is no room to open it
     */
    public static StorageEngine open(LogConfig config, int expectedKeys) {
        LogOpening.Checked checked = LogOpening.check(config);
        DurableLog log = DurableLog.open(config);
        try {
            return new StorageEngine(log, expectedKeys, checked);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** {@link #open(LogConfig, int)} with a small sizing hint. */
    public static StorageEngine open(LogConfig config) {
        return open(config, 1024);
    }

    private RecoveryReport recover(LogOpening.Checked checked) {
        final long[] tallies = new long[2]; // corrupt, truncated
        long scanned = log.scan(new LogVisitor() {
            @Override
            public void onRecord(long logIndex, LogOp op, long key, int valueLength) {
                switch (op) {
                    case PUT -> {
                        corruptKeys.remove(key);
                        index.put(key, logIndex);
                    }
                    case DELETE -> {
                        corruptKeys.remove(key);
                        index.remove(key);
                    }
                    case LOST -> {
                        // a repair dropped this key's damaged record here: never serve an older value as current
                        index.remove(key);
                        corruptKeys.add(key);
                    }
                }
            }

            @Override
            public void onDamaged(long logIndex, RecordStatus status, boolean keyReadable, long keyAsRead) {
                tallies[status == RecordStatus.TRUNCATED ? 1 : 0]++;
                if (keyReadable) {
                    // the latest record of this key (as far as we can tell) is unreadable: never serve an older one
                    index.remove(keyAsRead);
                    corruptKeys.add(keyAsRead);
                }
            }
        });
        LogInspection inspection = checked.inspection();
        if (inspection != null && scanned != inspection.dataDocuments()) {
            // Chronicle and the framing check disagree on what the log holds: trust neither for writing
            throw new LogDamagedException(log.config().directory(), java.util.List.of(LogDamage.of(
                    inspection.directory(), 0, 0, LogDamage.Kind.UNREADABLE, -1, "Chronicle reads " + scanned
                            + " records where the framing check found " + inspection.dataDocuments())), inspection);
        }
        counters.corruptRecords.add(tallies[0] + tallies[1]);
        return new RecoveryReport(scanned, index.size(), tallies[0], tallies[1], corruptKeys.size(),
                inspection == null ? java.util.List.of() : inspection.damage(), checked.tailRecovery());
    }

    /**
     * Stores {@code value[offset, offset + length)} as the latest value of {@code key}; it supersedes any earlier value
     * and clears a corrupt mark on the key.
     *
     * @throws IllegalArgumentException if {@code length} exceeds the log's {@link LogConfig#maxValueLength()}
     */
    public void put(long key, byte[] value, int offset, int length) {
        long logIndex = log.append(LogOp.PUT, key, value, offset, length);
        index.put(key, logIndex);
        if (!corruptKeys.isEmpty()) {
            corruptKeys.remove(key);
        }
        counters.puts.increment();
        counters.bytesWritten.add(RecordLayout.OVERHEAD + length);
    }

    /** {@link #put(long, byte[], int, int)} of a whole array. */
    public void put(long key, byte[] value) {
        put(key, value, 0, value.length);
    }

    /**
     * Deletes {@code key} by appending a tombstone (also when the key is absent, so the delete is durable whatever
     * the index believes). Clears a corrupt mark on the key.
     *
     * @return whether the key had a readable value before
     */
    public boolean delete(long key) {
        log.append(LogOp.DELETE, key, EMPTY, 0, 0);
        boolean existed = index.remove(key) != NO_INDEX;
        if (!corruptKeys.isEmpty()) {
            corruptKeys.remove(key);
        }
        counters.deletes.increment();
        counters.bytesWritten.add(RecordLayout.OVERHEAD);
        return existed;
    }

    /** Whether the index holds {@code key} (readable or marked corrupt); no read, no count. */
    public boolean contains(long key) {
        return index.get(key) != NO_INDEX;
    }

    /**
     * Copies the latest value of {@code key} into {@code dst} from {@code dstOffset}, after verifying the record's
     * CRC32C. On {@link ReadResult#FOUND} and {@link ReadResult#BUFFER_TOO_SMALL}, {@link #lastValueLength()} holds the
     * value's length. A record found damaged here is counted and the key is marked corrupt.
     */
    public ReadResult get(long key, byte[] dst, int dstOffset) {
        counters.gets.increment();
        lastValueLength = -1;
        long logIndex = index.get(key);
        if (logIndex == NO_INDEX) {
            return !corruptKeys.isEmpty() && corruptKeys.contains(key) ? ReadResult.CORRUPT : ReadResult.NOT_FOUND;
        }
        RecordStatus status = log.read(logIndex, header, dst, dstOffset);
        switch (status) {
            case OK:
                if (header.key != key || header.opCode != LogOp.PUT.code()) {
                    return markCorrupt(key); // CRC matched but the index points at another record: never serve it
                }
                lastValueLength = header.valueLength;
                return ReadResult.FOUND;
            case BUFFER_TOO_SMALL:
                lastValueLength = header.valueLength;
                return ReadResult.BUFFER_TOO_SMALL;
            default:
                return markCorrupt(key);
        }
    }

    /** {@link #get(long, byte[], int)} into {@code dst} from offset 0. */
    public ReadResult get(long key, byte[] dst) {
        return get(key, dst, 0);
    }

    private ReadResult markCorrupt(long key) {
        index.remove(key);
        corruptKeys.add(key);
        counters.corruptRecords.increment();
        return ReadResult.CORRUPT;
    }

    /** Length of the value the last {@code get} found (FOUND or BUFFER_TOO_SMALL), else -1. Owner thread only. */
    public int lastValueLength() {
        return lastValueLength;
    }

    /** Whether {@code key} is currently marked corrupt. Owner thread only. */
    public boolean isCorrupt(long key) {
        return corruptKeys.contains(key);
    }

    /** Keys with a readable latest value. Owner thread only. */
    public int size() {
        return index.size();
    }

    /** What opening found in the log. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /** Live counters; readable from any thread. */
    public StorageCounters counters() {
        return counters;
    }

    /** Forces every append so far to the device, whatever the sync policy. */
    public void sync() {
        log.sync();
    }

    /** See {@link DurableLog#handOverToCurrentThread()}. */
    public void handOverToCurrentThread() {
        log.handOverToCurrentThread();
    }

    /** Package-private test seam: the log beneath, to inject damaged records. */
    DurableLog log() {
        return log;
    }

    /** Closes the log (forcing outstanding batched appends). Idempotent. */
    @Override
    public void close() {
        log.close();
    }
}
