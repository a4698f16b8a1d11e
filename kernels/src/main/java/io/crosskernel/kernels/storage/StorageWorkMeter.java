package io.crosskernel.kernels.storage;

import io.crosskernel.api.WorkCost;
import io.crosskernel.kernels.common.data.ChecksumJob;
import io.crosskernel.kernels.common.data.CompressJob;
import io.crosskernel.kernels.common.data.DataJob;
import io.crosskernel.kernels.common.data.EncryptJob;
import io.crosskernel.kernels.common.data.ValueFiller;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.zip.Deflater;

/**
 * Measures the storage kernel's real work on this machine for {@code xk calibrate}: each op run many times on
 * 1 KiB and on 4 KiB of the same filler data the kernel uses, the average of each size after a warm-up pass, and a
 * {@link WorkCost} fitted through the two (the fixed part is what the line gives at 0 KiB, never below 0).
 *
 * <p>Each call does what the kernel's task does for the op, not only the op's core: a compress, checksum or encrypt
 * first fills its input from the request's id ({@link ValueFiller}), a put fills the value it appends, a get checks
 * the value it read back. Leaving the fill out made a 1 KiB checksum cost 60 ns in a simulation where the real task
 * spends about 0.5 µs more (docs/SIMULATION.md, "Simulation against a real run").
 *
 * <p>Threading: the calling thread; nothing is left open.
 */
final class StorageWorkMeter {
    private static final int SMALL = 1024;
    private static final int LARGE = 4 * 1024;
    private static final int CALLS = 20_000;
    /** Keys cycle through this many so the index and the log stay small and warm. */
    private static final int KEYS = 4_096;
    private static volatile long consumed;

    private StorageWorkMeter() {
    }

    /** @param scratchDir a fresh directory for the log {@code put} and {@code delete} write */
    static Map<String, WorkCost> measure(Path scratchDir) {
        Map<String, WorkCost> costs = new TreeMap<>();
        byte[] input = new byte[LARGE];
        try (CompressJob compress = new CompressJob(LARGE, Deflater.DEFAULT_COMPRESSION)) {
            costs.put(StorageKernel.COMPRESS_WORK, fit(size -> runJob(compress, input, size)));
        }
        costs.put(StorageKernel.CHECKSUM_WORK, fit(size -> runJob(new ChecksumJob(LARGE), input, size)));
        costs.put(StorageKernel.ENCRYPT_WORK, fit(size -> runJob(EncryptJob.withGeneratedKey(LARGE), input, size)));
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(scratchDir.resolve("log")), KEYS)) {
            byte[] value = new byte[LARGE];
            costs.put(StorageKernel.PUT_WORK, fit(size -> {
                long sink = 0;
                for (int i = 0; i < CALLS; i++) {
                    ValueFiller.fill(i % KEYS, value, size);
                    engine.put(i % KEYS, value, 0, size);
                    sink += i;
                }
                return sink;
            }));
            byte[] read = new byte[LARGE];
            // Untimed: every key holds a value of the size about to be read.
            IntConsumer fill = size -> {
                for (int key = 0; key < KEYS; key++) {
                    ValueFiller.fill(key, value, size);
                    engine.put(key, value, 0, size);
                }
            };
            costs.put(StorageKernel.GET_WORK, fit(fill, size -> {
                long sink = 0;
                for (int i = 0; i < CALLS; i++) {
                    int key = i % KEYS;
                    sink += engine.get(key, read).ordinal();
                    sink += ValueFiller.matches(key, read, engine.lastValueLength()) ? 1 : 0;
                }
                return sink;
            }));
        }
        return costs;
    }

    /** As the kernel runs a data job: the input filled from the request's id (here the call's number), then the job. */
    private static long runJob(DataJob job, byte[] input, int size) {
        long sink = 0;
        for (int i = 0; i < CALLS; i++) {
            ValueFiller.fill(i, input, size);
            sink += job.run(input, size);
        }
        return sink;
    }

    /** {@code CALLS} calls of an op on {@code size} bytes; returns something computed, to keep the calls alive. */
    @FunctionalInterface
    private interface Calls {
        long run(int size);
    }

    private static WorkCost fit(Calls calls) {
        return fit(size -> { }, calls);
    }

    /** As {@link #fit(Calls)}, running {@code prepare} with the size, untimed, before each timed pass. */
    private static WorkCost fit(IntConsumer prepare, Calls calls) {
        long small = averageNanos(prepare, calls, SMALL);
        long large = averageNanos(prepare, calls, LARGE);
        long perKiB = Math.max(0, (large - small) * 1024 / (LARGE - SMALL));
        long base = Math.max(0, small - perKiB * SMALL / 1024);
        return new WorkCost(base, perKiB);
    }

    /** Nanoseconds per call on {@code size} bytes, averaged over the second of two passes. */
    private static long averageNanos(IntConsumer prepare, Calls calls, int size) {
        long perCall = 0;
        for (int pass = 0; pass < 2; pass++) {
            prepare.accept(size);
            long start = System.nanoTime();
            consumed = calls.run(size);
            perCall = (System.nanoTime() - start) / CALLS;
        }
        return Math.max(0, perCall);
    }
}
