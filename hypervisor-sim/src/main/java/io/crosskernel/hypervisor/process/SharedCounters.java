package io.crosskernel.hypervisor.process;

import java.nio.MappedByteBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The run's counters file: Agrona's counters (a values area of 128-byte slots and a metadata area of 512-byte
 * records with a type id, a key and a label) over one mapped file, as Aeron's media driver keeps its counters. The
 * host allocates every counter with a {@link CountersManager} before a kernel process starts; a kernel process finds
 * its counters by type and key with a {@link CountersReader} over the same file.
 *
 * <p>File layout ({@value #FILE}): the values area ({@code capacity × 128} bytes) first, then the metadata area
 * ({@code capacity × 512} bytes); a counter's value is the first 8 bytes of its slot.
 *
 * <p>Threading and ordering: allocation on the host thread, before any kernel process is started (the process start
 * publishes it). Each counter's value has one writer, in one process: {@link #setRelease} (a release store), read in
 * the other with {@link #getAcquire} (an acquire load), so a reader that sees a value also sees what the writer did
 * before storing it (its earlier counters, a file it wrote).
 */
public final class SharedCounters {
    static final String FILE = "counters.dat";
    private final AtomicBuffer values;
    private final CountersReader reader;
    /** Null in a kernel process: only the host allocates. */
    private final CountersManager manager;

    private SharedCounters(AtomicBuffer values, AtomicBuffer metadata, boolean allocate) {
        this.values = values;
        if (allocate) {
            this.manager = new CountersManager(metadata, values);
            this.reader = manager;
        } else {
            this.manager = null;
            this.reader = new CountersReader(metadata, values);
        }
    }

    /** Bytes of a counters file of {@code capacity} counters. */
    public static long fileBytes(int capacity) {
        return (long) capacity * (CountersReader.COUNTER_LENGTH + CountersReader.METADATA_LENGTH);
    }

    /** Host: a new counters file in {@code dir} with room for {@code capacity} counters. */
    public static SharedCounters create(RunDirectory dir, int capacity) {
        MappedByteBuffer file = dir.mapNew(FILE, fileBytes(capacity));
        return over(file, capacity, true);
    }

    /** Kernel process: the counters file its host made. */
    public static SharedCounters open(RunDirectory dir) {
        MappedByteBuffer file = dir.mapExisting(FILE);
        int slot = CountersReader.COUNTER_LENGTH + CountersReader.METADATA_LENGTH;
        if (file.capacity() == 0 || file.capacity() % slot != 0) {
            throw new RunDirectoryException("the counters file of " + dir.path() + " has " + file.capacity()
                    + " bytes, not a whole number of " + slot + "-byte counters");
        }
        return over(file, file.capacity() / slot, false);
    }

    private static SharedCounters over(MappedByteBuffer file, int capacity, boolean allocate) {
        int valuesBytes = capacity * CountersReader.COUNTER_LENGTH;
        UnsafeBuffer values = new UnsafeBuffer(file, 0, valuesBytes);
        UnsafeBuffer metadata = new UnsafeBuffer(file, valuesBytes, capacity * CountersReader.METADATA_LENGTH);
        return new SharedCounters(values, metadata, allocate);
    }

    /**
     * Host, before any kernel process starts: a new counter of {@code typeId} keyed by {@code (a, b, c)}.
     *
     * @return its id
     */
    public int allocate(int typeId, int a, int b, int c, String label) {
        if (manager == null) {
            throw new IllegalStateException("only the host allocates counters");
        }
        return manager.allocate(label, typeId, key -> {
            key.putInt(0, a);
            key.putInt(Integer.BYTES, b);
            key.putInt(2 * Integer.BYTES, c);
        });
    }

    /** The id of the counter of {@code typeId} keyed by {@code (a, b, c)}, or -1 when there is none. */
    public int find(int typeId, int a, int b, int c) {
        int[] found = {-1};
        reader.forEach((counterId, type, key, label) -> {
            if (found[0] < 0 && type == typeId && key.getInt(0) == a && key.getInt(Integer.BYTES) == b
                    && key.getInt(2 * Integer.BYTES) == c) {
                found[0] = counterId;
            }
        });
        return found[0];
    }

    /** Any thread: the counter's value, an acquire load. */
    public long getAcquire(int counterId) {
        return values.getLongAcquire(CountersReader.counterOffset(counterId));
    }

    /** The counter's one writer: a release store. */
    public void setRelease(int counterId, long value) {
        values.putLongRelease(CountersReader.counterOffset(counterId), value);
    }

    /** The counter's label, as the host allocated it. */
    public String label(int counterId) {
        return reader.getCounterLabel(counterId);
    }
}
