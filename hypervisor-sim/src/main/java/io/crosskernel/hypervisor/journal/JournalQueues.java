package io.crosskernel.hypervisor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Where a journal's queues live and how they are opened: {@code DIR/host} and {@code DIR/kernels/<name>}.
 *
 * <p>Stateless; any thread.
 */
final class JournalQueues {
    static final String HOST = "host";
    static final String KERNELS = "kernels";
    /** Chronicle's queue file suffix. */
    static final String QUEUE_FILE_SUFFIX = ".cq4";

    private JournalQueues() {
    }

    static Path hostDir(Path journal) {
        return journal.resolve(HOST);
    }

    static Path kernelDir(Path journal, String kernelName) {
        return journal.resolve(KERNELS).resolve(kernelName);
    }

    static ChronicleQueue openForWriting(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + directory, e);
        }
        return ChronicleQueue.singleBuilder(directory)
                // one file per day: a run never makes more than two
                .rollCycle(RollCycles.FAST_DAILY)
                // the mapped file survives a killed process (the OS writes the page cache back); forcing it to the
                // device per entry would cost a system call each
                .syncMode(SyncMode.NONE)
                .build();
    }

    static ChronicleQueue openForReading(Path directory) {
        return ChronicleQueue.singleBuilder(directory)
                .rollCycle(RollCycles.FAST_DAILY)
                .readOnly(true)
                .build();
    }

    /** Whether {@code directory} holds at least one queue file. */
    static boolean holdsQueue(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(QUEUE_FILE_SUFFIX));
        } catch (IOException e) {
            return false;
        }
    }
}
