package io.crosskernel.hypervisor.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A journal read back: its header, every complete entry of every queue merged into one timeline by timestamp, and
 * how it ended.
 *
 * @param entries       every entry but the header, in merged order ({@link JournalEntry#seq()} 1, 2, ...)
 * @param startNanos    the run's time zero: the START entry's timestamp (the header's when the run never started)
 * @param cleanEnd      whether the host wrote the clean-end marker; false after a crash or {@code kill -9}
 * @param finalState    the FINAL_STATE entry, or null
 * @param end           the END entry, or null
 * @param entriesPerQueue complete entries read from each queue, header included
 * @param lastPerQueue  timestamp of each queue's last complete entry
 * @param damage        one line per damaged queue (file, offset, what is wrong); the queue was read up to the entry
 *                      before the damage. Empty for an intact journal
 *
 * <p>Immutable; any thread.
 */
public record Journal(Path directory, JournalHeader header, List<JournalEntry> entries, long startNanos,
        boolean cleanEnd, JournalEntry finalState, JournalEntry end, Map<String, Long> entriesPerQueue,
        Map<String, Long> lastPerQueue, List<String> damage) {

    public Journal {
        entries = List.copyOf(entries);
        damage = List.copyOf(damage);
        entriesPerQueue = Map.copyOf(entriesPerQueue);
        lastPerQueue = Map.copyOf(lastPerQueue);
    }

    /** How the run ended, from its END entry; null when there is none (the run crashed or was killed). */
    public JournalEnd endReason() {
        return end == null ? null : end.endReason();
    }

    /** Nanoseconds since the run's time zero. */
    public long sinceStart(long timestampNanos) {
        return timestampNanos - startNanos;
    }
}
