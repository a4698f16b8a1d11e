package io.crosskernel.kernels.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link DurableLog} is opened. Immutable.
 *
 * @param directory      the Chronicle Queue directory; created if absent
 * @param syncPolicy     when appends are forced to the device
 * @param syncBatchSize  appends per force under {@link SyncPolicy#BATCH}; ignored otherwise; at least 1
 * @param maxValueLength the largest value a record may carry, in bytes; sizes the preallocated scratch buffer and
 *                       bounds what a (possibly corrupt) length field may claim
 */
public record LogConfig(Path directory, SyncPolicy syncPolicy, int syncBatchSize, int maxValueLength) {
    /** Default largest value: 1 MiB. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 1 << 20;

    public LogConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        if (syncBatchSize < 1) {
            throw new IllegalArgumentException("syncBatchSize must be at least 1, was " + syncBatchSize);
        }
        if (maxValueLength < 0 || maxValueLength > Integer.MAX_VALUE - RecordLayout.OVERHEAD) {
            throw new IllegalArgumentException("maxValueLength out of range: " + maxValueLength);
        }
    }

    /** A log in {@code directory} that leaves durability to the OS page cache. */
    public static LogConfig of(Path directory) {
        return new LogConfig(directory, SyncPolicy.NONE, 1, DEFAULT_MAX_VALUE_LENGTH);
    }

    /** This configuration with another sync policy and batch size. */
    public LogConfig withSync(SyncPolicy policy, int batchSize) {
        return new LogConfig(directory, policy, batchSize, maxValueLength);
    }
}
