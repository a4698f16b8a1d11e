package io.crosskernel.hypervisor.journal;

import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;

/**
 * A journal queue opened for writing together with its one appender, closed together: what the host's and each
 * kernel's journal writer own.
 *
 * <p>Threading: built and closed by the host thread; the appender is used by the one thread that writes the journal
 * (see the writer), which may be another thread: {@link #close()} resets Chronicle's single-thread check first.
 *
 * <p>Ownership: owns the queue and the appender.
 */
final class AppendingQueue implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private boolean closed;

    /** @param directory the queue's directory (created if absent) */
    AppendingQueue(Path directory) {
        this.queue = JournalQueues.openForWriting(directory);
        try {
            this.appender = queue.createAppender();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    ExcerptAppender appender() {
        return appender;
    }

    /** Host thread, after the writing thread stopped. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The writing thread (a kernel's worker) owned the appender; the closing thread takes it over.
        appender.singleThreadedCheckReset();
        appender.close();
        queue.close();
    }
}
