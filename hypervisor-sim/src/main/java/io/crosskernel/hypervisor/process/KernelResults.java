package io.crosskernel.hypervisor.process;

import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.miss.Miss;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.hypervisor.report.WorkerEvidence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What a kernel process hands its host at its end besides its latencies ({@link LatencyResults}), in a file of the
 * run directory ({@code results-<kernel>.bin}): its kernel's {@code stats()} (the report's kernel details: a realtime
 * kernel's policy, admission and per-task figures) and, per worker, its {@link WorkerEvidence} (hiccup intervals and
 * lengths, deadline misses), which the host's miss attribution and hiccup summary read as they read a thread-mode
 * worker's. The times in it are {@code System.nanoTime()}, the monotonic clock every process of the host shares.
 *
 * <p>Format: int magic; int length and that many bytes of the details map in Java serialisation (strings, numbers,
 * booleans, lists, maps and HdrHistograms: the {@code Kernel.stats()} contract; read back through a filter that
 * admits nothing else); int workers; per worker: the hiccup intervals (int n, n pairs of longs), evidence-from,
 * lost, dropped and threshold (longs), the lengths (int length, a compressed HdrHistogram), the task names (int n,
 * n UTF strings), per task its misses (longs), the misses (int n; per miss a byte kind, an int subject, six longs
 * and a boolean). Written to a temporary file and renamed: the host never reads it half-written.
 *
 * <p>Threading: {@link #write} on the kernel process's main thread after its workers joined; {@link #read} on the
 * host thread.
 */
public final class KernelResults {
    private static final int MAGIC = 0x584b5231; // "XKR1"
    /** What the details may hold: the stats() contract's value types, and nothing that runs code when read. */
    private static final ObjectInputFilter DETAILS = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;java.lang.*;java.util.*;org.HdrHistogram.*;!*");

    /** What the host reads back: the kernel's details and its workers' evidence, in worker order. */
    public record Results(Map<String, Object> details, List<WorkerEvidence> workers) {
    }

    private KernelResults() {
    }

    /** The file's name for kernel {@code kernel}. */
    public static String fileName(String kernel) {
        return "results-" + kernel + ".bin";
    }

    /** Writes {@code details} and each worker's evidence (which drains its hiccup lengths: once) to {@code file}. */
    public static void write(Path file, Map<String, ?> details, WorkerMetrics[] workers) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temporary); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(MAGIC);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(new LinkedHashMap<>(details));
            }
            out.writeInt(bytes.size());
            bytes.writeTo(out);
            out.writeInt(workers.length);
            for (WorkerMetrics worker : workers) {
                writeEvidence(out, WorkerEvidence.of(worker));
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeEvidence(DataOutputStream out, WorkerEvidence e) throws IOException {
        Intervals hiccups = e.hiccups();
        out.writeInt(hiccups.size());
        for (int i = 0; i < hiccups.size(); i++) {
            out.writeLong(hiccups.start(i));
            out.writeLong(hiccups.end(i));
        }
        out.writeLong(e.evidenceFromNanos());
        out.writeLong(e.hiccupLostNanos());
        out.writeLong(e.hiccupsDropped());
        out.writeLong(e.hiccupThresholdNanos());
        ByteBuffer lengths = ByteBuffer.allocate(e.hiccupLengths().getNeededByteBufferCapacity());
        int length = e.hiccupLengths().encodeIntoCompressedByteBuffer(lengths);
        out.writeInt(length);
        out.write(lengths.array(), 0, length);
        out.writeInt(e.taskNames().size());
        for (int t = 0; t < e.taskNames().size(); t++) {
            out.writeUTF(e.taskNames().get(t));
            out.writeLong(e.taskMisses()[t]);
        }
        out.writeInt(e.misses().size());
        for (Miss miss : e.misses()) {
            out.writeByte(miss.kind().ordinal());
            out.writeInt(miss.subject());
            out.writeLong(miss.release());
            out.writeLong(miss.start());
            out.writeLong(miss.finish());
            out.writeLong(miss.deadline());
            out.writeBoolean(miss.overran());
            out.writeLong(miss.busyFrom());
        }
    }

    /**
     * Reads {@code file}, expecting {@code workers} workers.
     *
     * @throws IOException when the file is missing, damaged, of another kernel, or holds what the details may not
     */
    public static Results read(Path file, int workers) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a kernel results file");
            }
            byte[] detailBytes = new byte[in.readInt()];
            in.readFully(detailBytes);
            Map<String, Object> details = details(file, detailBytes);
            if (in.readInt() != workers) {
                throw new IOException(file + " holds another number of workers than " + workers);
            }
            List<WorkerEvidence> evidence = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                evidence.add(readEvidence(in));
            }
            return new Results(details, evidence);
        } catch (DataFormatException e) {
            throw new IOException(file + " holds a damaged histogram: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Path file, byte[] bytes) throws IOException {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            objects.setObjectInputFilter(DETAILS);
            Object read = objects.readObject();
            if (!(read instanceof Map<?, ?> map)) {
                throw new IOException(file + ": its kernel details are not a map");
            }
            return (Map<String, Object>) map;
        } catch (ClassNotFoundException | InvalidClassException e) {
            throw new IOException(file + ": its kernel details hold what a kernel's figures may not: " + e, e);
        }
    }

    private static WorkerEvidence readEvidence(DataInputStream in) throws IOException, DataFormatException {
        int n = in.readInt();
        long[] from = new long[n];
        long[] to = new long[n];
        for (int i = 0; i < n; i++) {
            from[i] = in.readLong();
            to[i] = in.readLong();
        }
        long evidenceFrom = in.readLong();
        long lost = in.readLong();
        long dropped = in.readLong();
        long threshold = in.readLong();
        byte[] lengthBytes = new byte[in.readInt()];
        in.readFully(lengthBytes);
        Histogram lengths = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(lengthBytes), 0);
        int tasks = in.readInt();
        List<String> names = new ArrayList<>();
        long[] taskMisses = new long[tasks];
        for (int t = 0; t < tasks; t++) {
            names.add(in.readUTF());
            taskMisses[t] = in.readLong();
        }
        int count = in.readInt();
        MissKind[] kinds = MissKind.values();
        List<Miss> misses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            misses.add(new Miss(kinds[in.readByte()], in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readBoolean(), in.readLong()));
        }
        return new WorkerEvidence(Intervals.of(from, to), evidenceFrom, lengths, lost, dropped, threshold,
                List.copyOf(names), taskMisses, misses);
    }
}
