package io.crosskernel.kernels.storage;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An append-only log of PUT/DELETE records on a Chronicle Queue, each record a fixed binary layout (see
 * {@code docs/STORAGE.md}) closed by a CRC32C.
 *
 * <p>Threading: single-threaded. One thread appends, reads and scans; Chronicle's appender and tailers check this
 * themselves. If the log is opened on one thread and then used on another (a kernel booted by the host and run on its
 * pinned thread), the new owner calls {@link #handOverToCurrentThread()} first. Not safe for concurrent use.
 *
 * <p>Cost: {@code append} and {@code read} do not allocate in steady state (preallocated header and scratch arrays, a
 * reused CRC32C). {@code append} makes a system call only under {@link SyncPolicy#EVERY}, or every
 * {@code syncBatchSize} appends under {@link SyncPolicy#BATCH}.
 *
 * <p>Ownership: the log owns its queue, appender, tailers and sync channel and closes them in {@link #close()}.
 */
public final class DurableLog implements AutoCloseable {
    private static final int NO_CYCLE = Integer.MIN_VALUE;

    private final LogConfig config;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExcerptTailer readTailer;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[RecordLayout.HEADER_LENGTH];
    private final byte[] crcBytes = new byte[RecordLayout.CRC_LENGTH];
    private final byte[] scratch;

    private FileChannel syncChannel;
    private int syncChannelCycle = NO_CYCLE;
    private int unsyncedAppends;
    private long bytesAppended;
    private long forces;
    private boolean closed;
    private boolean lastDecodeReadHeader;

    private DurableLog(LogConfig config) {
        this.config = config;
        this.scratch = new byte[config.maxValueLength()];
        ChronicleQueue q = ChronicleQueue.singleBuilder(config.directory())
                // one file per day: a run or a test never creates more than two files
                .rollCycle(RollCycles.FAST_DAILY)
                // we force the file ourselves (see SyncPolicy); Chronicle's own msync would only cover its current chunk
                .syncMode(SyncMode.NONE)
                .build();
        ExcerptAppender a = null;
        try {
            a = q.createAppender();
            this.readTailer = q.createTailer();
        } catch (RuntimeException e) {
            if (a != null) {
                a.close();
            }
            q.close();
            throw e;
        }
        this.queue = q;
        this.appender = a;
    }

    /** Opens (creating if needed) the log in {@code config.directory()}. The caller must {@link #close()} it. */
    public static DurableLog open(LogConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + config.directory(), e);
        }
        return new DurableLog(config);
    }

    public LogConfig config() {
        return config;
    }

    /**
     * Appends one record and applies the sync policy.
     *
     * @return the record's log index, for {@link #read}
     * @throws IllegalArgumentException if {@code length} exceeds {@link LogConfig#maxValueLength()}
     * @throws UncheckedIOException     if forcing the file fails (the record is appended but its durability unknown)
     */
    public long append(LogOp op, long key, byte[] value, int offset, int length) {
        if (length < 0 || length > config.maxValueLength()) {
            throw new IllegalArgumentException("value length " + length + " outside [0, " + config.maxValueLength() + "]");
        }
        RecordLayout.encodeHeader(header, op.code(), key, length);
        int checksum = RecordLayout.crc(crc, header, value, offset, length);
        RecordLayout.putInt(crcBytes, 0, checksum);
        writeDocument(header, RecordLayout.HEADER_LENGTH, value, offset, length, crcBytes, RecordLayout.CRC_LENGTH);
        return afterAppend(RecordLayout.OVERHEAD + length);
    }

    /** Test seam: appends {@code payload} verbatim as one record, bypassing the layout and the CRC. */
    long appendRaw(byte[] payload, int length) {
        writeDocument(payload, length, payload, 0, 0, payload, 0);
        return afterAppend(length);
    }

    private void writeDocument(byte[] a, int aLength, byte[] b, int bOffset, int bLength, byte[] c, int cLength) {
        ensureOpen();
        DocumentContext dc = appender.writingDocument();
        try {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.write(a, 0, aLength);
            bytes.write(b, bOffset, bLength);
            bytes.write(c, 0, cLength);
        } catch (RuntimeException e) {
            dc.rollbackOnClose();
            throw e;
        } finally {
            dc.close();
        }
    }

    private long afterAppend(int recordLength) {
        long index = appender.lastIndexAppended();
        bytesAppended += recordLength;
        if (config.syncPolicy() == SyncPolicy.NONE) {
            return index;
        }
        int cycle = appender.cycle();
        if (cycle != syncChannelCycle) {
            // the record just written opened a new cycle file: finish the old one, then follow the new one
            if (unsyncedAppends > 0) {
                force();
            }
            switchSyncChannel(cycle);
        }
        unsyncedAppends++;
        if (config.syncPolicy() == SyncPolicy.EVERY || unsyncedAppends >= config.syncBatchSize()) {
            force();
        }
        return index;
    }

    private void switchSyncChannel(int cycle) {
        closeSyncChannel();
        try {
            syncChannel = FileChannel.open(appender.currentFile().toPath(), StandardOpenOption.READ);
            syncChannelCycle = cycle;
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open cycle file for syncing", e);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(config.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems refuse to open or fsync a directory; the file's own data is still forced
            if (!(e instanceof java.nio.file.AccessDeniedException)) {
                throw e;
            }
        }
    }

    private void force() {
        if (syncChannel == null) {
            return;
        }
        try {
            syncChannel.force(false);
            forces++;
            unsyncedAppends = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("fdatasync of the log failed", e);
        }
    }

    /**
     * Forces every append so far to the device, whatever the policy (under {@link SyncPolicy#NONE} the file is opened
     * for the purpose).
     */
    public void sync() {
        ensureOpen();
        if (bytesAppended == 0) {
            return; // nothing appended through this instance; earlier runs forced (or not) their own appends
        }
        if (appender.cycle() != syncChannelCycle) {
            switchSyncChannel(appender.cycle());
        }
        force();
    }

    /**
     * Reads the record at {@code index}, verifying its CRC32C, and copies its value into {@code dst} at
     * {@code dstOffset}. On {@link RecordStatus#OK} and {@link RecordStatus#BUFFER_TOO_SMALL} {@code header} holds the
     * record's fields; on any other status its contents are unspecified and nothing useful was copied.
     */
    public RecordStatus read(long index, RecordHeader header, byte[] dst, int dstOffset) {
        ensureOpen();
        if (index < 0 || !readTailer.moveToIndex(index)) {
            return RecordStatus.MISSING;
        }
        try (DocumentContext dc = readTailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                return RecordStatus.MISSING;
            }
            return decode(dc.wire().bytes(), header, dst, dstOffset);
        }
    }

    private RecordStatus decode(Bytes<?> bytes, RecordHeader out, byte[] dst, int dstOffset) {
        long available = bytes.readRemaining();
        lastDecodeReadHeader = available >= RecordLayout.HEADER_LENGTH;
        if (!lastDecodeReadHeader) {
            return RecordStatus.TRUNCATED;
        }
        bytes.read(this.header, 0, RecordLayout.HEADER_LENGTH);
        out.opCode = RecordLayout.op(this.header);
        out.key = RecordLayout.key(this.header);
        int length = RecordLayout.valueLength(this.header);
        out.valueLength = length;
        if (length < 0 || length > config.maxValueLength()) {
            // a length we never write: the header itself is damaged
            return RecordStatus.CRC_MISMATCH;
        }
        if (available - RecordLayout.HEADER_LENGTH < (long) length + RecordLayout.CRC_LENGTH) {
            return RecordStatus.TRUNCATED;
        }
        if (dst.length - dstOffset < length) {
            return RecordStatus.BUFFER_TOO_SMALL;
        }
        bytes.read(dst, dstOffset, length);
        bytes.read(crcBytes, 0, RecordLayout.CRC_LENGTH);
        int expected = RecordLayout.getInt(crcBytes, 0);
        int actual = RecordLayout.crc(crc, this.header, dst, dstOffset, length);
        if (expected != actual || LogOp.fromCode(out.opCode) == null) {
            return RecordStatus.CRC_MISMATCH;
        }
        return RecordStatus.OK;
    }

    /**
     * Reads the whole log from the start, verifying every record's CRC32C, and reports each record to
     * {@code visitor}. Damaged records are reported and skipped; the scan continues after them. If Chronicle itself
     * cannot read further (its own framing is damaged) the scan stops there and reports one
     * {@link RecordStatus#TRUNCATED} record at the last readable index + 1.
     *
     * @return the number of records visited, damaged ones included
     */
    public long scan(LogVisitor visitor) {
        ensureOpen();
        RecordHeader h = new RecordHeader();
        long visited = 0;
        long lastIndex = -1;
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.toStart();
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long index = dc.index();
                    lastIndex = index;
                    visited++;
                    RecordStatus status = decode(dc.wire().bytes(), h, scratch, 0);
                    if (status == RecordStatus.OK) {
                        visitor.onRecord(index, LogOp.fromCode(h.opCode), h.key, h.valueLength);
                    } else {
                        visitor.onDamaged(index, status, lastDecodeReadHeader, lastDecodeReadHeader ? h.key : 0);
                    }
                } catch (RuntimeException e) {
                    visited++;
                    visitor.onDamaged(lastIndex + 1, RecordStatus.TRUNCATED, false, 0);
                    break;
                }
            }
        }
        return visited;
    }

    /** Bytes of records appended through this instance (layout overhead included). */
    public long bytesAppended() {
        return bytesAppended;
    }

    /** Times the cycle file was forced to the device by this instance. */
    public long forces() {
        return forces;
    }

    /** Index of the last record appended through this instance, or -1. */
    public long lastIndexAppended() {
        return bytesAppended == 0 ? -1 : appender.lastIndexAppended();
    }

    /** Makes the calling thread the log's single owner (Chronicle checks that one thread uses each appender/tailer). */
    public void handOverToCurrentThread() {
        appender.singleThreadedCheckReset();
        readTailer.singleThreadedCheckReset();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("log is closed: " + config.directory());
        }
    }

    private void closeSyncChannel() {
        if (syncChannel != null) {
            try {
                syncChannel.close();
            } catch (IOException ignored) {
                // nothing was written through this read-only channel; closing it cannot lose data
            }
            syncChannel = null;
            syncChannelCycle = NO_CYCLE;
        }
    }

    /** Forces outstanding appends under {@link SyncPolicy#BATCH} and closes the appender, tailer and queue. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (config.syncPolicy() == SyncPolicy.BATCH && unsyncedAppends > 0) {
                force();
            }
        } finally {
            closed = true;
            closeSyncChannel();
            try {
                readTailer.close();
                appender.close();
            } finally {
                queue.close();
            }
        }
    }
}
