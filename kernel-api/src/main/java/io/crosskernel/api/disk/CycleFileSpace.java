package io.crosskernel.api.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The log's current cycle file as a plain file: allocates its disk space ahead of Chronicle's writes, and forces it.
 *
 * <p>Why allocate ahead: Chronicle sizes a cycle file sparsely and writes through a memory mapping, so a write into a
 * hole is where the file system finds out it is full, and it can only say so with a SIGBUS, which the JVM turns into
 * an {@code InternalError} ("a fault occurred in a recent unsafe memory access operation") that compiled code may
 * raise later than the write that caused it, or a half-written record left behind. So before a record is written,
 * the bytes it will occupy (and room for an index page Chronicle may write after it) are written as zeros with an
 * ordinary {@code write}, {@value #STEP} bytes at a time: a full file system then answers with an {@code IOException}
 * ("No space left on device") before a byte of the record is written, and the mapped write that follows lands on
 * allocated pages and cannot fault for lack of space. Cost: one {@code write} system call per {@value #STEP} bytes
 * appended, on the appending thread, and the zeros reach the disk too. (A file system that compresses or
 * deduplicates zeros, such as btrfs or ZFS with compression, allocates nothing for them: there this is only a check.)
 *
 * <p>Used by every Chronicle queue the runtime writes while a run goes on: the storage kernel's log (steps of
 * {@value #STEP} bytes) and the journal's queues (smaller steps: a journal has one queue per kernel). Both roll one
 * file per day ({@code FAST_DAILY}); the cycle length is a constructor argument all the same.
 *
 * <p>Threading: the queue's one writing thread. Ownership: owns the channel; {@link #close()} closes it.
 */
public final class CycleFileSpace implements AutoCloseable {
    /** The storage log's step: space is allocated in steps of this many bytes. */
    public static final int STEP = 1 << 20;
    /** Kept allocated beyond the record being written: Chronicle's index pages (32 KiB here) go between records. */
    public static final int HEADROOM = 128 << 10;
    /**
     * Free space the storage log needs to open or to start a new cycle file: Chronicle writes a new file's header and
     * first index pages (about 66 KiB) before any record, where they cannot be allocated ahead, then the first step.
     */
    public static final long MIN_FREE = 2L * STEP;
    /** How the JVM reports a fault (SIGBUS) in a memory-mapped write: what a full disk looks like to Chronicle. */
    private static final String MAPPED_WRITE_FAULT = "unsafe memory access";

    private static final int NO_CYCLE = Integer.MIN_VALUE;

    private final ByteBuffer zeros = ByteBuffer.allocateDirect(64 << 10);
    private final long cycleLengthMillis;
    private final int step;
    private FileChannel channel;
    private Path file;
    private int cycle = NO_CYCLE;
    private long nextCycleStartMillis = Long.MIN_VALUE;
    private long allocatedEnd;

    /**
     * @param cycleLengthMillis how long one cycle file lasts (the queue's roll cycle)
     * @param step              space is allocated this many bytes at a time (at least {@value #HEADROOM} more than the
     *                          record being written is always allocated)
     */
    public CycleFileSpace(long cycleLengthMillis, int step) {
        this.cycleLengthMillis = cycleLengthMillis;
        this.step = step;
    }

    /** The cycle of the file open now, or {@link Integer#MIN_VALUE} when none is. */
    public int cycle() {
        return cycle;
    }

    /** The file open now, or null. */
    public Path file() {
        return file;
    }

    /**
     * Follows the cycle file {@code path} from now on, closing the previous one.
     *
     * @param epochMillis the queue's epoch: cycle {@code n} starts at {@code epoch + n * cycle length}
     */
    public void switchTo(int newCycle, Path path, long epochMillis) throws IOException {
        closeChannel();
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        file = path;
        cycle = newCycle;
        nextCycleStartMillis = epochMillis + (newCycle + 1L) * cycleLengthMillis;
        allocatedEnd = 0;
    }

    /**
     * Whether the next document may open a new cycle file: none is open yet, or the wall clock has reached the next
     * cycle (Chronicle rolls by wall-clock time). One comparison; the caller reads the clock Chronicle rolls by.
     */
    public boolean mayStartNewFile(long nowMillis) {
        return nowMillis >= nextCycleStartMillis;
    }

    /**
     * Makes sure {@code [start, start + length)} and {@value #HEADROOM} bytes after it are allocated in the current
     * file. In steady state this is one comparison; every {@value #STEP} bytes it writes zeros ahead.
     *
     * @param start where Chronicle will write the record's first byte (its document header is just before it, on a
     *              page already allocated, or in the same page as {@code start})
     * @throws IOException when the file system cannot allocate the space ("No space left on device"); nothing of
     *                     the record has been written then
     */
    public void reserve(long start, int length) throws IOException {
        long need = start + length + HEADROOM;
        if (need <= allocatedEnd) {
            return;
        }
        // Never below start: everything before it is Chronicle's (records, index pages) and must not be touched.
        long from = Math.max(allocatedEnd, start);
        long to = Math.max(need, from + step);
        to = (to + 4095) & ~4095L;
        for (long at = from; at < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
        }
        allocatedEnd = to;
    }

    /**
     * The bytes a cycle file takes on disk once {@code recordBytes} of documents are in it: space is allocated in
     * whole {@value #STEP}-byte steps kept {@value #HEADROOM} bytes ahead of the last record (see {@link #reserve}),
     * so a short run's log takes a full step however few records it holds, and one with none takes nothing. Excludes
     * the queue's own header and index pages before the first record.
     */
    public static long allocatedBytes(long recordBytes) {
        return allocatedBytes(recordBytes, STEP);
    }

    /** {@link #allocatedBytes(long)} for a file allocated in steps of {@code step} bytes. */
    public static long allocatedBytes(long recordBytes, int step) {
        if (recordBytes <= 0) {
            return 0;
        }
        long steps = (recordBytes + HEADROOM + step - 1) / step;
        return steps * step;
    }

    /** fdatasync of the current file. */
    public void force() throws IOException {
        if (channel != null) {
            channel.force(false);
        }
    }

    /** Bytes the file system of {@code path} has free for this process, or -1 when it cannot say. */
    public static long usableSpace(Path path) {
        try {
            return Files.getFileStore(path).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether {@code error} (or a cause of it) is a file system saying it is full. */
    public static boolean isNoSpace(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code [start, start + length)} lies in space already allocated: what may still be written after a
     * {@link #reserve} failed (the space kept ahead of the previous records, at least {@value #HEADROOM} bytes).
     */
    public boolean isAllocated(long start, int length) {
        return channel != null && start + length <= allocatedEnd;
    }

    /** Whether {@code error} is the JVM reporting a fault in a memory-mapped write (SIGBUS: usually a full disk). */
    public static boolean isMappedWriteFault(Throwable error) {
        return error instanceof InternalError && error.getMessage() != null
                && error.getMessage().contains(MAPPED_WRITE_FAULT);
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            file = null;
            cycle = NO_CYCLE;
            nextCycleStartMillis = Long.MIN_VALUE;
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
