package io.crosskernel.hypervisor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a journal directory: every complete entry of the host queue and of each kernel's queue, merged into one
 * timeline. A queue whose writer was killed mid-entry ends at its last complete entry (Chronicle marks an entry
 * complete only once its writer closed it), so a crashed run's journal reads like a shorter one.
 *
 * <p>Threading: not shared; each call reads on the calling thread. Allocates freely (an offline tool).
 */
public final class JournalReader {
    private JournalReader() {
    }

    /**
     * @throws JournalFormatException when {@code directory} does not exist or is not a journal; the message says
     *     which and how to tell
     */
    public static Journal read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new JournalFormatException("no journal directory " + directory + " (it does not exist or is not a"
                    + " directory)");
        }
        Path hostDir = JournalQueues.hostDir(directory);
        if (!JournalQueues.holdsQueue(hostDir)) {
            throw new JournalFormatException(directory + " is not a journal: it has no host queue (" + hostDir
                    + "/*.cq4); journals are written by 'xk run --journal DIR'");
        }
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> lasts = new HashMap<>();
        List<String> damage = new ArrayList<>();
        List<JournalEntry> hostEntries = new ArrayList<>();
        JournalHeader header = readQueue(hostDir, JournalQueues.HOST, hostEntries, counts, lasts, true, damage);
        List<JournalEntry> all = new ArrayList<>(hostEntries);
        for (Path kernelDir : kernelDirs(directory)) {
            String name = kernelDir.getFileName().toString();
            if (JournalQueues.holdsQueue(kernelDir)) {
                readQueue(kernelDir, name, all, counts, lasts, false, damage);
            }
        }
        // Each queue is in its writer's time order; a stable sort by timestamp merges them into one timeline.
        all.sort(Comparator.comparingLong(JournalEntry::timestampNanos));
        List<JournalEntry> numbered = new ArrayList<>(all.size());
        long startNanos = header.timestampNanos();
        JournalEntry finalState = null;
        JournalEntry end = null;
        for (JournalEntry entry : all) {
            JournalEntry e = entry.withSeq(numbered.size() + 1);
            numbered.add(e);
            if (e.type() == EntryType.LIFECYCLE && e.kind() == LifecycleKind.START) {
                startNanos = e.timestampNanos();
            } else if (e.type() == EntryType.FINAL_STATE) {
                finalState = e;
            } else if (e.type() == EntryType.END) {
                end = e;
            }
        }
        return new Journal(directory, header, numbered, startNanos, end != null, finalState, end, counts, lasts,
                damage);
    }

    private static List<Path> kernelDirs(Path directory) {
        Path kernels = directory.resolve(JournalQueues.KERNELS);
        if (!Files.isDirectory(kernels)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(kernels)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kernels, e);
        }
    }

    /**
     * Reads one queue into {@code out}; for the host queue, returns the header (which must come first). A damaged
     * entry ends the queue there: what came before it is kept, and one line saying where and what is added to
     * {@code damage}.
     *
     * @throws JournalDamagedException when the host queue's header cannot be read
     */
    private static JournalHeader readQueue(Path dir, String name, List<JournalEntry> out, Map<String, Long> counts,
            Map<String, Long> lasts, boolean host, List<String> damage) {
        JournalHeader header = null;
        long count = 0;
        long last = 0;
        long offset = -1;
        try (ChronicleQueue queue = JournalQueues.openForReading(dir); ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    // The payload's position in the mapped cycle file; Chronicle's 4-byte header is just before it.
                    offset = bytes.readPosition() - 4;
                    if (bytes.readRemaining() < 1) {
                        throw new JournalFormatException("an empty entry");
                    }
                    int code = bytes.readByte(bytes.readPosition());
                    EntryType type = EntryType.ofCode(code);
                    if (type == null) {
                        throw new JournalFormatException("unknown entry type code " + code
                                + " (garbage, or a newer format)");
                    }
                    if (host && count == 0 && type != EntryType.HEADER) {
                        throw new JournalFormatException("the first entry is a " + type.alias()
                                + ", not the journal header");
                    }
                    JournalEntry entry = null;
                    if (type == EntryType.HEADER) {
                        header = EntryCodec.readHeader(bytes);
                    } else {
                        entry = EntryCodec.read(type, name, bytes);
                    }
                    count++;
                    if (entry == null) {
                        last = header.timestampNanos();
                    } else {
                        last = entry.timestampNanos();
                        out.add(entry);
                    }
                }
            }
        } catch (RuntimeException | InternalError e) {
            // InternalError: a read of a mapped page past the end of a truncated file (SIGBUS).
            String what = e instanceof JournalFormatException ? e.getMessage()
                    : "unreadable (" + describe(e) + ")";
            String line = queueFile(dir) + (offset >= 0 ? ": offset " + offset + " (entry " + (count + 1) + ")"
                    : "") + ": " + what + "; the " + name + " queue is read up to the entry before";
            if (host && header == null) {
                throw new JournalDamagedException(line, e);
            }
            damage.add(line);
        }
        if (host && header == null) {
            throw new JournalFormatException(dir + " holds no journal header: the run was killed before it wrote"
                    + " one, or this is not a journal");
        }
        counts.put(name, count);
        lasts.put(name, last);
        return header;
    }

    /** The queue's cycle file when it has one (a run writes one per day), else its directory. */
    private static Path queueFile(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cycles = files.filter(f -> f.getFileName().toString().endsWith(JournalQueues.QUEUE_FILE_SUFFIX))
                    .sorted().toList();
            return cycles.size() == 1 ? cycles.get(0) : dir;
        } catch (IOException e) {
            return dir;
        }
    }

    /** An exception in words, without its class name where it has a message. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
