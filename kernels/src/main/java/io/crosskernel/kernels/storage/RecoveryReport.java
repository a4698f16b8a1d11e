package io.crosskernel.kernels.storage;

import java.util.List;

/**
 * What {@link StorageEngine#open} found when it rebuilt the index from the log. Immutable.
 *
 * @param recordsScanned   records read, damaged ones included
 * @param liveKeys         keys whose latest record is a whole PUT
 * @param corruptRecords   records whose CRC32C did not match (or whose header was impossible)
 * @param truncatedRecords records shorter than their header says, typically a torn tail after a crash
 * @param corruptKeys      keys whose latest record is damaged (or was lost in a repair); {@code get} answers
 *                         {@link ReadResult#CORRUPT} for them
 * @param damage           where the damaged records are: file, offset, size (regions Chronicle reads past; damage
 *                         it would misread refuses the open instead, see {@link LogDamagedException})
 * @param tailRecovery     what was done at open to the end of the log a crash left behind (a write cut short
 *                         discarded, or the header of a whole last record restored), or null
 */
public record RecoveryReport(long recordsScanned, long liveKeys, long corruptRecords, long truncatedRecords,
                             long corruptKeys, List<LogDamage> damage, String tailRecovery) {
    public RecoveryReport {
        damage = List.copyOf(damage);
    }

    /** True when every record read back whole. */
    public boolean clean() {
        return corruptRecords == 0 && truncatedRecords == 0;
    }
}
