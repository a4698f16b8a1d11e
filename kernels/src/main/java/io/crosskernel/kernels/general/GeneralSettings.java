package io.crosskernel.kernels.general;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.kernels.common.SettingValues;
import java.util.Map;
import java.util.Set;

/**
 * The general kernel's settings. Immutable; parsed on the host thread during validation and boot.
 *
 * @param queueDepth how many requests the kernel can hold at once (its job pool)
 * @param batch      most messages drained per channel, and most source arrivals released, per duty cycle; also the
 *                   most tasks one worker runs per duty cycle
 */
public record GeneralSettings(int queueDepth, int batch) {
    public static final String QUEUE_DEPTH = "queueDepth";
    public static final String BATCH = "batch";
    public static final Set<String> KEYS = Set.of(QUEUE_DEPTH, BATCH);

    public static final int DEFAULT_QUEUE_DEPTH = 4096;
    public static final int MIN_QUEUE_DEPTH = 16;
    public static final int MAX_QUEUE_DEPTH = 1 << 20;
    public static final int DEFAULT_BATCH = 64;
    public static final int MIN_BATCH = 1;
    public static final int MAX_BATCH = 65536;

    public GeneralSettings {
        SettingValues.checkRange(QUEUE_DEPTH, queueDepth, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, String.valueOf(DEFAULT_QUEUE_DEPTH));
        SettingValues.checkRange(BATCH, batch, MIN_BATCH, MAX_BATCH, String.valueOf(DEFAULT_BATCH));
    }

    /** The defaults: {@code queueDepth: 4096}, {@code batch: 64}. */
    public static GeneralSettings defaults() {
        return new GeneralSettings(DEFAULT_QUEUE_DEPTH, DEFAULT_BATCH);
    }

    /**
     * Parses the settings the scenario wrote; missing keys take their defaults.
     *
     * @throws InvalidSettingException naming the key that is wrong and what to write instead
     */
    public static GeneralSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidSettingException(key, "unknown setting '" + key + "' for a general kernel:"
                        + " the accepted settings are " + QUEUE_DEPTH + " and " + BATCH);
            }
        }
        int queueDepth = parseInt(settings, QUEUE_DEPTH, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, DEFAULT_QUEUE_DEPTH);
        int batch = parseInt(settings, BATCH, MIN_BATCH, MAX_BATCH, DEFAULT_BATCH);
        return new GeneralSettings(queueDepth, batch);
    }

    private static int parseInt(Map<String, String> settings, String key, int min, int max, int fallback) {
        return (int) SettingValues.wholeNumber(settings, key, min, max, fallback, Integer.toString(fallback));
    }
}
