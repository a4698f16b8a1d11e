package io.crosskernel.hypervisor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

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
    /** One file per day: a run never makes more than two. */
    static final RollCycles ROLL_CYCLE = RollCycles.FAST_DAILY;

    private JournalQueues() {
    }

    static Path hostDir(Path journal) {
        return journal.resolve(HOST);
    }

    static Path kernelDir(Path journal, String kernelName) {
        return journal.resolve(KERNELS).resolve(kernelName);
    }

    static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + directory, e);
        }
    }

    static SingleChronicleQueue openForWriting(Path directory) {
        createDirectories(directory);
        return ChronicleQueue.singleBuilder(directory)
                .rollCycle(ROLL_CYCLE)
                // the mapped file survives a killed process (the OS writes the page cache back); forcing it to the
                // device per entry would cost a system call each
                .syncMode(SyncMode.NONE)
                .build();
    }

    static ChronicleQueue openForReading(Path directory) {
        return ChronicleQueue.singleBuilder(directory)
                .rollCycle(ROLL_CYCLE)
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
