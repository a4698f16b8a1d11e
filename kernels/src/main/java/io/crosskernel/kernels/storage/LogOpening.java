package io.crosskernel.kernels.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gate a log passes before Chronicle opens it for writing: {@link LogInspector} reads the framing of every file
 * without Chronicle; a torn tail left by a crash is finished ({@link TailRecovery}); any other damage that would make
 * Chronicle misread the log refuses the open with {@link LogDamagedException}. So Chronicle only ever opens a log
 * whose framing is intact, and never appends where the next recovery cannot see the record.
 *
 * <p>Threading: the opening thread.
 */
final class LogOpening {
    /**
     * What the gate found.
     *
     * @param inspection   the log as it was opened (after any tail recovery); null for a new, empty directory
     * @param tailRecovery what {@link TailRecovery} did, or null
     */
    record Checked(LogInspection inspection, String tailRecovery) {
    }

    private LogOpening() {
    }

    /**
     * @throws LogDamagedException  when the log must be repaired before it may be written
     * @throws UncheckedIOException when the directory cannot be read
     */
    static Checked check(LogConfig config) {
        Path directory = config.directory();
        if (!Files.isDirectory(directory)) {
            return new Checked(null, null);
        }
        try {
            LogInspection inspection = LogInspector.inspect(directory, config.maxValueLength());
            String tail = null;
            if (inspection.blocksWriting()) {
                tail = TailRecovery.recover(inspection);
                if (tail != null) {
                    inspection = LogInspector.inspect(directory, config.maxValueLength());
                }
                if (inspection.blocksWriting()) {
                    throw new LogDamagedException(inspection);
                }
            }
            return new Checked(inspection, tail);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the storage log in " + directory + ": " + e.getMessage(), e);
        }
    }
}
