package io.crosskernel.kernels.compute;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.kernels.common.SettingValues;
import java.util.Map;
import java.util.Set;

/**
 * The compute kernel's settings. Immutable; parsed on the host thread during validation and boot.
 *
 * @param split       ForkJoin chunks each batch job is cut into (1..4096 when written); 0 stands for "not written",
 *                    the default of 4 × the kernel's cores
 * @param maxInFlight most batch jobs running in the ForkJoinPool at once; further jobs wait in the kernel. When
 *                    written, at most {@code queueDepth}: a job in flight holds a slot of the job pool
 * @param queueDepth  how many requests the kernel can hold at once (its job pool)
 * @param batch       most messages drained per channel, and most source arrivals released, per duty cycle
 */
public record ComputeSettings(int split, int maxInFlight, int queueDepth, int batch) {
    public static final String SPLIT = "split";
    public static final String MAX_IN_FLIGHT = "maxInFlight";
    public static final String QUEUE_DEPTH = "queueDepth";
    public static final String BATCH = "batch";
    public static final Set<String> KEYS = Set.of(SPLIT, MAX_IN_FLIGHT, QUEUE_DEPTH, BATCH);

    /** {@code split: 0} (or no {@code split}) means this many chunks per core. */
    public static final int DEFAULT_CHUNKS_PER_CORE = 4;
    public static final int MIN_SPLIT = 1;
    public static final int MAX_SPLIT = 4096;
    /** The value of {@link #split} when {@code split} is not written: {@link #chunksFor} picks 4 × cores. */
    public static final int DEFAULT_SPLIT = 0;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final int MAX_MAX_IN_FLIGHT = 65536;
    public static final int DEFAULT_QUEUE_DEPTH = 1024;
    public static final int MIN_QUEUE_DEPTH = 16;
    public static final int MAX_QUEUE_DEPTH = 1 << 20;
    public static final int DEFAULT_BATCH = 64;
    public static final int MAX_BATCH = 65536;

    public ComputeSettings {
        if (split != DEFAULT_SPLIT) {
            SettingValues.checkRange(SPLIT, split, MIN_SPLIT, MAX_SPLIT, String.valueOf(8));
        }
        SettingValues.checkRange(MAX_IN_FLIGHT, maxInFlight, 1, MAX_MAX_IN_FLIGHT, String.valueOf(DEFAULT_MAX_IN_FLIGHT));
        SettingValues.checkRange(QUEUE_DEPTH, queueDepth, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, String.valueOf(DEFAULT_QUEUE_DEPTH));
        SettingValues.checkRange(BATCH, batch, 1, MAX_BATCH, String.valueOf(DEFAULT_BATCH));
    }

    /** The defaults: split 4 × cores, {@code maxInFlight: 64}, {@code queueDepth: 1024}, {@code batch: 64}. */
    public static ComputeSettings defaults() {
        return new ComputeSettings(DEFAULT_SPLIT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_QUEUE_DEPTH, DEFAULT_BATCH);
    }

    /** @return the chunks per batch job on a kernel with {@code cores} cores */
    public int chunksFor(int cores) {
        return split > 0 ? split : Math.min(MAX_SPLIT, DEFAULT_CHUNKS_PER_CORE * Math.max(1, cores));
    }

    /** @return the jobs actually allowed in flight: never more than the job pool holds */
    public int effectiveMaxInFlight() {
        return Math.min(maxInFlight, queueDepth);
    }

    /**
     * Parses the settings the scenario wrote; missing keys take their defaults.
     *
     * @throws InvalidSettingException naming the key that is wrong and what to write instead
     */
    public static ComputeSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidSettingException(key, "unknown setting '" + key + "' for a compute kernel:"
                        + " the accepted settings are " + SPLIT + ", " + MAX_IN_FLIGHT + ", " + QUEUE_DEPTH
                        + " and " + BATCH);
            }
        }
        int split = parseInt(settings, SPLIT, MIN_SPLIT, MAX_SPLIT, DEFAULT_SPLIT, 8);
        int maxInFlight = parseInt(settings, MAX_IN_FLIGHT, 1, MAX_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_MAX_IN_FLIGHT);
        int queueDepth = parseInt(settings, QUEUE_DEPTH, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, DEFAULT_QUEUE_DEPTH,
                DEFAULT_QUEUE_DEPTH);
        if (settings.containsKey(MAX_IN_FLIGHT) && maxInFlight > queueDepth) {
            throw new InvalidSettingException(MAX_IN_FLIGHT, MAX_IN_FLIGHT + " " + maxInFlight + " is above "
                    + QUEUE_DEPTH + " " + queueDepth + (settings.containsKey(QUEUE_DEPTH) ? "" : " (the default)")
                    + ": every job in flight holds one of the queueDepth slots; write at most '" + MAX_IN_FLIGHT
                    + ": " + queueDepth + "', or raise " + QUEUE_DEPTH);
        }
        return new ComputeSettings(split, maxInFlight, queueDepth,
                parseInt(settings, BATCH, 1, MAX_BATCH, DEFAULT_BATCH, DEFAULT_BATCH));
    }

    private static int parseInt(Map<String, String> settings, String key, int min, int max, int fallback,
            int example) {
        return (int) SettingValues.wholeNumber(settings, key, min, max, fallback, Integer.toString(example));
    }
}
