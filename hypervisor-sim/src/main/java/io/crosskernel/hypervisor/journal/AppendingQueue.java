package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.disk.CycleFileSpace;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A journal queue opened for writing together with its one appender, closed together: what the host's and each
 * kernel's journal writer own. Every entry goes through {@link #open} and {@link #commit}, which make a full disk a
 * clean stop instead of a crash:
 *
 * <ul>
 *   <li>The disk space an entry will occupy is allocated before the entry is written ({@link CycleFileSpace}, in steps
 *       of {@value #STEP} bytes with at least {@value CycleFileSpace#HEADROOM} bytes kept ahead), so a full file system
 *       answers "no space left on device" before a byte of the entry is written, and Chronicle's mapped write never
 *       lands in a hole it cannot fill (which the JVM reports as an {@code InternalError} on some later instruction of
 *       the writing thread, anywhere in the kernel's code).</li>
 *   <li>Whatever fails (the reservation, Chronicle, a mapped write), the entry is rolled back, the failure is recorded
 *       in the run's {@link JournalFailure} (which stops the run), and from then on every writer of the journal skips
 *       its entries: nothing is thrown to the writer's caller, which may be a kernel's duty cycle.</li>
 *   <li>The space kept ahead is what lets the host write the END entry after the disk filled ({@link #openLast}).</li>
 * </ul>
 *
 * <p>Threading: built and closed by the host thread; the appender is used by the one thread that writes the journal
 * (see the writer), which may be another thread: {@link #close()} resets Chronicle's single-thread check first.
 *
 * <p>Cost per entry: two comparisons and one acquire load on top of Chronicle's append; one {@code write} system call
 * per {@value #STEP} bytes journaled; one wall-clock read (Chronicle rolls files by the wall clock, so that is the
 * clock that says whether the next entry may start a new file; a vDSO read, not a system call).
 *
 * <p>Ownership: owns the queue, the appender and the space tracker.
 */
final class AppendingQueue implements AutoCloseable {
    /** Journal queues allocate disk space this many bytes at a time (a run has one queue per kernel). */
    static final int STEP = 256 << 10;
    /**
     * Free space a queue needs to start a file: Chronicle's {@code metadata.cq4t} and the cycle file's header and
     * first index pages (written where they cannot be allocated ahead), then the first step.
     */
    static final long NEW_FILE_ROOM = (256 << 10) + STEP;

    private final Path directory;
    private final JournalFailure failure;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final CycleFileSpace space = new CycleFileSpace(JournalQueues.ROLL_CYCLE.lengthInMillis(), STEP);
    /** False once Chronicle or a mapped write failed: the appender is not touched again but to close it. */
    private boolean appenderSound = true;
    private boolean closed;

    /**
     * @param directory the queue's directory (created if absent)
     * @throws JournalFailedException when the file system has too little space for the queue to start, or Chronicle
     *                                cannot create it
     */
    AppendingQueue(Path directory, JournalFailure failure) {
        this.directory = directory;
        this.failure = failure;
        JournalQueues.createDirectories(directory);
        long free = CycleFileSpace.usableSpace(directory);
        if (free >= 0 && free < NEW_FILE_ROOM) {
            throw new JournalFailedException(noSpace(directory, free) + ": a journal queue needs at least "
                    + NEW_FILE_ROOM + " bytes free to start");
        }
        SingleChronicleQueue q;
        try {
            q = JournalQueues.openForWriting(directory);
        } catch (RuntimeException | InternalError e) {
            throw new JournalFailedException(describe(directory, e, CycleFileSpace.usableSpace(directory)), e);
        }
        try {
            this.appender = q.createAppender();
        } catch (RuntimeException | InternalError e) {
            q.close();
            throw new JournalFailedException(describe(directory, e, CycleFileSpace.usableSpace(directory)), e);
        }
        this.queue = q;
    }

    /**
     * Opens the next entry with {@code length} bytes of disk allocated behind it, or answers null when the journal
     * has failed (now or before: then the caller skips the entry). The caller writes the entry and calls
     * {@link #commit}, or {@link #abandon} when writing it threw.
     */
    DocumentContext open(int length) {
        if (!appenderSound || failure.failed()) {
            return null;
        }
        if (space.mayStartNewFile(System.currentTimeMillis())) {
            // The next entry may start a new cycle file, whose header Chronicle writes where it cannot be allocated
            // ahead: make sure there is room for it first.
            long free = CycleFileSpace.usableSpace(directory);
            if (free >= 0 && free < NEW_FILE_ROOM) {
                failure.record(stopped(noSpace(space.file() != null ? space.file() : directory, free)));
                return null;
            }
        }
        DocumentContext dc;
        try {
            dc = appender.writingDocument();
        } catch (Throwable t) {
            appenderSound = false;
            failure.record(stopped(describe(directory, t, CycleFileSpace.usableSpace(directory))));
            return null;
        }
        try {
            if (appender.cycle() != space.cycle()) {
                space.switchTo(appender.cycle(), appender.currentFile().toPath(), queue.epoch());
            }
            space.reserve(dc.wire().bytes().writePosition(), length);
            return dc;
        } catch (Throwable t) {
            // Nothing of the entry was written: roll it back, the appender stays sound (the END entry may follow).
            failure.record(stopped(describe(space.file() != null ? space.file() : directory, t,
                    CycleFileSpace.usableSpace(directory))));
            rollBack(dc);
            return null;
        }
    }

    /**
     * The journal's last entry: opened like {@link #open}, and also after the journal failed for lack of space, as
     * long as the entry fits in the space this queue already allocated ahead. Null when it cannot be written.
     */
    DocumentContext openLast(int length) {
        if (!failure.failed()) {
            DocumentContext dc = open(length);
            if (dc != null || !failure.failed()) {
                return dc;
            }
        }
        if (!appenderSound || space.file() == null) {
            return null;
        }
        DocumentContext dc;
        try {
            dc = appender.writingDocument();
        } catch (Throwable t) {
            appenderSound = false;
            return null;
        }
        try {
            if (appender.cycle() == space.cycle() && space.isAllocated(dc.wire().bytes().writePosition(), length)) {
                return dc;
            }
        } catch (Throwable t) {
            appenderSound = false;
        }
        rollBack(dc);
        return null;
    }

    /** Commits an entry opened by {@link #open} or {@link #openLast} and written whole. */
    void commit(DocumentContext dc) {
        try {
            dc.close();
        } catch (Throwable t) {
            appenderSound = false;
            failure.record(stopped(describe(space.file() != null ? space.file() : directory, t,
                    CycleFileSpace.usableSpace(directory))));
        }
    }

    /** Writing the entry threw {@code cause}: rolls it back (a half-written entry would break its layout). */
    void abandon(DocumentContext dc, Throwable cause) {
        appenderSound = false;
        failure.record(stopped(describe(space.file() != null ? space.file() : directory, cause,
                CycleFileSpace.usableSpace(directory))));
        rollBack(dc);
    }

    /** The kernel's worker takes the appender over from the host thread that built it. */
    void bindToCurrentThread() {
        appender.singleThreadedCheckReset();
    }

    private void rollBack(DocumentContext dc) {
        try {
            dc.rollbackOnClose();
            dc.close();
        } catch (Throwable t) {
            appenderSound = false;
        }
    }

    /** Host thread, after the writing thread stopped. Idempotent; never throws (a failed queue is released too). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The writing thread (a kernel's worker) owned the appender; the closing thread takes it over.
            appender.singleThreadedCheckReset();
            appender.close();
        } catch (Throwable t) {
            failure.record(stopped(describe(directory, t, CycleFileSpace.usableSpace(directory))));
        }
        try {
            space.close();
        } catch (Throwable ignored) {
            // only the channel used to allocate space: the queue's data is Chronicle's
        }
        try {
            queue.close();
        } catch (Throwable t) {
            failure.record(stopped(describe(directory, t, CycleFileSpace.usableSpace(directory))));
        }
    }

    /** What failed, in words: a full disk says so and how much is free. Error path: allocates. */
    private static String describe(Path where, Throwable cause, long free) {
        boolean noSpace = CycleFileSpace.isNoSpace(cause)
                || CycleFileSpace.isMappedWriteFault(cause) && free >= 0 && free < NEW_FILE_ROOM;
        return noSpace ? noSpace(where, free) : "a write to the journal queue " + where + " failed (" + cause + ")";
    }

    private static String noSpace(Path where, long free) {
        return "no space left on device for the journal queue " + where + " ("
                + (free < 0 ? "free space unknown" : free + " bytes free") + ")";
    }

    private String stopped(String what) {
        Path journal = directory.getParent();
        if (journal != null && journal.getFileName() != null
                && journal.getFileName().toString().equals(JournalQueues.KERNELS)) {
            journal = journal.getParent();
        }
        return what + ": journaling stopped; the journal " + journal + " ends at its last complete entry";
    }
}
