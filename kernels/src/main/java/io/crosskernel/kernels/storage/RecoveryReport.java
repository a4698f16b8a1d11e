package io.crosskernel.kernels.storage;

/**
 * What {@link StorageEngine#open} found when it rebuilt the index from the log. Immutable.
 *
 * @param recordsScanned   records read, damaged ones included
 * @param liveKeys         keys whose latest record is a whole PUT
 * @param corruptRecords   records whose CRC32C did not match (or whose header was impossible)
 * @param truncatedRecords records shorter than their header says, typically a torn tail after a crash
 * @param corruptKeys      keys whose latest record is damaged; {@code get} answers {@link ReadResult#CORRUPT} for them
 */
public record RecoveryReport(long recordsScanned, long liveKeys, long corruptRecords, long truncatedRecords,
                             long corruptKeys) {
    /** True when every record read back whole. */
    public boolean clean() {
        return corruptRecords == 0 && truncatedRecords == 0;
    }
}
