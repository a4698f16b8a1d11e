package io.crosskernel.kernels.storage;

import io.crosskernel.api.disk.CycleFileSpace;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
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
 * reused CRC32C). {@code append} makes a system call once per {@value CycleFileSpace#STEP} bytes appended (disk space
 * is allocated ahead of the mapped writes, see {@link CycleFileSpace}), under {@link SyncPolicy#EVERY} once per
 * append, and under {@link SyncPolicy#BATCH} once per {@code syncBatchSize} appends.
 *
 * <p>Failure: when the file system is full, or a write or a force fails, {@code append} throws
 * {@link LogFailedException} and the log takes no more writes (every later append throws the same exception). The
 * append that failed was not written, or was rolled back; every append acknowledged before it stays. Reads go on.
 *
 * <p>Ownership: the log owns its queue, appender, tailers and cycle-file channel and closes them in {@link #close()}.
 */
public final class DurableLog implements AutoCloseable {
    private static final String NO_MORE_WRITES = ": the log accepts no more writes (every write acknowledged before"
            + " this one is kept)";

    private final LogConfig config;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExcerptTailer readTailer;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[RecordLayout.HEADER_LENGTH];
    private final byte[] crcBytes = new byte[RecordLayout.CRC_LENGTH];
    private final byte[] scratch;
    private final CycleFileSpace space = new CycleFileSpace(ChronicleFraming.ROLL_CYCLE.lengthInMillis(),
            CycleFileSpace.STEP);

    private LogFailedException failure;
    private int unsyncedAppends;
    private long bytesAppended;
    private long forces;
    private boolean closed;
    private boolean lastDecodeReadHeader;

    private DurableLog(LogConfig config) {
        this.config = config;
        this.scratch = new byte[config.maxValueLength()];
        SingleChronicleQueue q = ChronicleQueue.singleBuilder(config.directory())
                // one file per day: a run or a test never creates more than two files
                .rollCycle(ChronicleFraming.ROLL_CYCLE)
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

    /**
     * Opens (creating if needed) the log in {@code config.directory()}. The caller must {@link #close()} it. This does
     * not check the log's framing: {@link StorageEngine#open} does that first.
     *
     * @throws LogFailedException when the file system has less than {@value CycleFileSpace#MIN_FREE} bytes free
     */
    public static DurableLog open(LogConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + config.directory() + ": " + e, e);
        }
        long free = CycleFileSpace.usableSpace(config.directory());
        if (free >= 0 && free < CycleFileSpace.MIN_FREE) {
            throw new LogFailedException(config.directory(), true, noSpace(config.directory(), free)
                    + ": the log needs at least " + CycleFileSpace.MIN_FREE + " bytes free to open", null);
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
        ensureWritable();
        int length = aLength + bLength + cLength;
        // Chronicle rolls cycle files by the wall clock (its own time provider), so that is the clock to ask.
        if (space.mayStartNewFile(System.currentTimeMillis())) {
            // The next document may start a new cycle file: Chronicle writes its header and index pages before the
            // record, where they cannot be allocated ahead, so make sure there is room for them first.
            checkRoomForNewFile();
        }
        DocumentContext dc;
        try {
            dc = appender.writingDocument();
        } catch (Throwable t) {
            throw fail(t);
        }
        try {
            Bytes<?> bytes = dc.wire().bytes();
            if (appender.cycle() != space.cycle()) {
                followCycleFile(appender.cycle(), appender.currentFile().toPath());
            }
            space.reserve(bytes.writePosition(), length);
            bytes.write(a, 0, aLength);
            bytes.write(b, bOffset, bLength);
            bytes.write(c, 0, cLength);
        } catch (Throwable t) {
            // Whatever failed (no space to reserve, a faulting mapped write), the document must not be committed
            // half-written: roll it back, and take no more writes.
            LogFailedException failed = fail(t);
            try {
                dc.rollbackOnClose();
                dc.close();
            } catch (Throwable again) {
                failed.addSuppressed(again);
            }
            throw failed;
        }
        try {
            dc.close();
        } catch (Throwable t) {
            throw fail(t);
        }
    }

    private long afterAppend(int recordLength) {
        long index = appender.lastIndexAppended();
        bytesAppended += recordLength;
        if (config.syncPolicy() == SyncPolicy.NONE) {
            return index;
        }
        unsyncedAppends++;
        if (config.syncPolicy() == SyncPolicy.EVERY || unsyncedAppends >= config.syncBatchSize()) {
            force();
        }
        return index;
    }

    /** The document being written opened a new cycle file: finish the old one, then follow the new one. */
    private void followCycleFile(int cycle, Path file) throws IOException {
        if (config.syncPolicy() != SyncPolicy.NONE && unsyncedAppends > 0) {
            force();
        }
        space.switchTo(cycle, file, queue.epoch());
        if (config.syncPolicy() != SyncPolicy.NONE) {
            forceDirectory();
        }
    }

    private void checkRoomForNewFile() {
        long free = CycleFileSpace.usableSpace(config.directory());
        if (free >= 0 && free < CycleFileSpace.MIN_FREE) {
            Path file = space.file() != null ? space.file() : config.directory();
            failure = new LogFailedException(file, true, noSpace(file, free) + NO_MORE_WRITES, null);
            throw failure;
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
        try {
            space.force();
            forces++;
            unsyncedAppends = 0;
        } catch (IOException e) {
            // After a failed fdatasync the page cache may have dropped the pages it could not write: nothing written
            // since the last good force can be trusted to be durable, so the log takes no more writes.
            throw fail(e);
        }
    }

    /** Records {@code cause} as the log's failure (the first one stays) and returns it. Error path: allocates. */
    private LogFailedException fail(Throwable cause) {
        if (failure != null) {
            if (cause != failure) {
                failure.addSuppressed(cause);
            }
            return failure;
        }
        Path file = space.file() != null ? space.file() : config.directory();
        long free = CycleFileSpace.usableSpace(config.directory());
        // A mapped write that faulted says only "unsafe memory access"; a full file system is the usual reason.
        boolean noSpace = CycleFileSpace.isNoSpace(cause)
                || CycleFileSpace.isMappedWriteFault(cause) && free >= 0 && free < CycleFileSpace.MIN_FREE;
        String message = (noSpace ? noSpace(file, free) : "a write to the storage log " + file + " failed (" + cause
                + ")") + NO_MORE_WRITES;
        failure = new LogFailedException(file, noSpace, message, cause);
        return failure;
    }

    private static String noSpace(Path file, long free) {
        return "no space left on device for the storage log " + file + " ("
                + (free < 0 ? "free space unknown" : free + " bytes free") + ")";
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

    private void ensureWritable() {
        ensureOpen();
        if (failure != null) {
            throw failure;
        }
    }

    /** The failure that stopped the log taking writes, or null. */
    public LogFailedException failure() {
        return failure;
    }

    /**
     * Forces outstanding appends under {@link SyncPolicy#BATCH} and closes the appender, tailer and queue. Idempotent.
     * After a {@link LogFailedException}, what Chronicle throws while closing is suppressed into it: the log is
     * released either way.
     *
     * @throws LogFailedException when the final force fails (the log was not already failed)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LogFailedException failedBefore = failure;
        RuntimeException error = null;
        try {
            if (config.syncPolicy() == SyncPolicy.BATCH && unsyncedAppends > 0) {
                force();
            }
        } catch (RuntimeException e) {
            error = e;
        }
        error = closeQuietly(space::close, error);
        error = closeQuietly(readTailer::close, error);
        error = closeQuietly(appender::close, error);
        error = closeQuietly(queue::close, error);
        if (error != null && error != failedBefore) {
            throw error;
        }
    }

    private interface Closer {
        void close() throws Exception;
    }

    private RuntimeException closeQuietly(Closer closer, RuntimeException error) {
        try {
            closer.close();
            return error;
        } catch (Throwable t) {
            RuntimeException e = error != null ? error : failure;
            if (e == null) {
                return t instanceof RuntimeException r ? r : new IllegalStateException("closing the log failed", t);
            }
            e.addSuppressed(t);
            return e;
        }
    }
}
