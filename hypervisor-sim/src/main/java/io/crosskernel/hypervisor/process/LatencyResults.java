package io.crosskernel.hypervisor.process;

import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A kernel process's latency histograms at the end of the run, in a file of the run directory
 * ({@code latency-<kernel>.bin}): what its workers' {@link LatencyRecorder}s took since the warm-up, one compressed
 * HdrHistogram per recorder in {@link WorkerMetrics#allRecorders()} order, which is the same in the host's mirrors of
 * the same kernel. The host adds each into its mirror's recorder before its final sample, so the report's kernel,
 * stage and end-to-end latencies include the kernel process's.
 *
 * <p>Format: int magic, int workers; per worker an int count of recorders; per recorder an int length and that many
 * bytes of {@link Histogram#encodeIntoCompressedByteBuffer}.
 *
 * <p>Threading: {@link #write} on the kernel process's main thread (the single reader of its recorders) after its
 * workers joined; {@link #readInto} on the host thread (the single writer of the mirrors' recorders).
 */
public final class LatencyResults {
    private static final int MAGIC = 0x584b4c31; // "XKL1"

    private LatencyResults() {
    }

    /** The file's name for kernel {@code kernel}. */
    public static String fileName(String kernel) {
        return "latency-" + kernel + ".bin";
    }

    /** Writes every recorder's interval (what it took since the last discard) to {@code file}, atomically. */
    public static void write(Path file, WorkerMetrics[] workers) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temporary); DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(MAGIC);
            out.writeInt(workers.length);
            for (WorkerMetrics worker : workers) {
                List<LatencyRecorder> recorders = worker.allRecorders();
                out.writeInt(recorders.size());
                for (LatencyRecorder recorder : recorders) {
                    Histogram interval = recorder.interval();
                    ByteBuffer bytes = ByteBuffer.allocate(interval.getNeededByteBufferCapacity());
                    int length = interval.encodeIntoCompressedByteBuffer(bytes);
                    out.writeInt(length);
                    out.write(bytes.array(), 0, length);
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Adds the histograms of {@code file} into the recorders of {@code workers} (the host's mirrors).
     *
     * @throws IOException when the file is missing, damaged, or does not match the workers' recorders
     */
    public static void readInto(Path file, WorkerMetrics[] workers) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a latency results file");
            }
            if (in.readInt() != workers.length) {
                throw new IOException(file + " holds another number of workers than " + workers.length);
            }
            for (WorkerMetrics worker : workers) {
                List<LatencyRecorder> recorders = worker.allRecorders();
                if (in.readInt() != recorders.size()) {
                    throw new IOException(file + " holds another number of recorders than " + recorders.size());
                }
                for (LatencyRecorder recorder : recorders) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    recorder.recordAll(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
                }
            }
        } catch (DataFormatException e) {
            throw new IOException(file + " holds a damaged histogram: " + e.getMessage(), e);
        }
    }
}
