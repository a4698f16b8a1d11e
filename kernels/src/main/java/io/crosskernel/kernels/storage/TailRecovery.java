package io.crosskernel.kernels.storage;

import io.crosskernel.kernels.storage.LogDamage.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

/**
 * Finishes the one kind of damage a crash leaves behind, before Chronicle opens the log: the end of the last cycle
 * file, past everything readable.
 *
 * <ul>
 *   <li>A <b>write cut short</b>: bytes after the last document that are no whole record, where Chronicle's own
 *       record of its last committed document ({@code writePosition}) lies before them. The write never completed,
 *       so it was never acknowledged. Chronicle would write its next document over the start of it and leave the
 *       rest behind as garbage framing; the bytes are zeroed instead.</li>
 *   <li>A <b>last record whose header alone is damaged</b> (zero, "not complete", a wrong length or the metadata bit)
 *       but whose body is whole by its own CRC32C: a write that completed but whose commit did not reach the file, or
 *       a damaged header. The record is kept: its header is rewritten as a complete data document of its length.</li>
 * </ul>
 * Anything else (damage with readable records after it, a cut-short write before Chronicle's committed position)
 * is left alone for the operator's repair.
 *
 * <p>Threading: the thread opening the log, before any Chronicle object exists for it.
 */
final class TailRecovery {
    private TailRecovery() {
    }

    /**
     * Recovers the tail of {@code inspection}'s log if its only blocking damage is one of the two above.
     *
     * @return what was done, for the recovery report; null when nothing was (the damage is not a recoverable tail)
     */
    static String recover(LogInspection inspection) throws IOException {
        List<LogDamage> blocking = inspection.blocking();
        LogInspection.CycleFile last = inspection.lastFile();
        if (last == null || last.tail() == null || blocking.size() != 1 || !blocking.get(0).equals(last.tail())) {
            return null;
        }
        LogDamage tail = last.tail();
        if (tail.kind() == Kind.HEADER) {
            return restoreHeader(tail);
        }
        if (tail.kind() == Kind.UNREADABLE) {
            long committed = writePosition(inspection.directory(), last.cycle());
            if (committed < 0 || committed >= tail.offset()) {
                return null; // Chronicle committed a document there: it was acknowledged, and is now unreadable
            }
            zero(tail.file(), tail.offset(), tail.length());
            return "discarded a write cut short at the end of " + tail.file().getFileName() + " (offset "
                    + tail.offset() + ", " + tail.length() + " bytes, never committed so never acknowledged)";
        }
        return null;
    }

    private static String restoreHeader(LogDamage tail) throws IOException {
        try (FileChannel channel = FileChannel.open(tail.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(ChronicleFraming.HEADER_SIZE + RecordLayout.HEADER_LENGTH)
                    .order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, b, tail.offset());
            int was = b.getInt(0);
            int valueLength = b.getInt(ChronicleFraming.HEADER_SIZE + RecordLayout.LENGTH_OFFSET);
            int header = ChronicleFraming.dataHeader(RecordLayout.OVERHEAD + valueLength);
            writeFully(channel, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, header),
                    tail.offset());
            channel.force(false);
            return "restored the document header of the last record of " + tail.file().getFileName() + " (offset "
                    + tail.offset() + "): it read " + String.format("0x%08x", was) + " although the record is whole";
        }
    }

    private static void zero(Path file, long offset, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, 1 << 16));
            for (long done = 0; done < length; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), length - done));
                writeFully(channel, zeros, offset + done);
                done += zeros.limit();
            }
            channel.force(false);
        }
    }

    /**
     * Chronicle's position of the last document it committed in cycle {@code cycle}, read through a read-only queue;
     * -1 when it cannot be read (the recovery then does nothing).
     */
    private static long writePosition(Path directory, int cycle) {
        try (SingleChronicleQueue queue = ChronicleQueue.singleBuilder(directory).rollCycle(ChronicleFraming.ROLL_CYCLE)
                .readOnly(true).build()) {
            SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
            if (store == null) {
                return -1;
            }
            try {
                return store.writePosition();
            } finally {
                queue.closeStore(store);
            }
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + b.position()));
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        int start = b.position();
        while (b.hasRemaining()) {
            channel.write(b, position + b.position() - start);
        }
    }
}
