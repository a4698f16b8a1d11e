package io.crosskernel.kernels.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * The log is damaged in a way that would make Chronicle misread it (stop early, skip records, wait, or append where
 * the next recovery cannot see the new records), so it was not opened for writing. Nothing was written. The message
 * names the files, offsets and sizes, and says how to repair the log.
 */
public final class LogDamagedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient LogInspection inspection;

    LogDamagedException(LogInspection inspection) {
        this(inspection.directory(), inspection.blocking(), inspection);
    }

    LogDamagedException(Path directory, List<LogDamage> regions, LogInspection inspection) {
        super(message(directory, regions));
        this.inspection = inspection;
    }

    /** What the check found; may be null if the exception was deserialised. */
    public LogInspection inspection() {
        return inspection;
    }

    private static String message(Path directory, List<LogDamage> regions) {
        return "the storage log in " + directory + " is damaged: " + LogInspection.summary(regions)
                + ". It was not opened for writing: records appended after the damage would be invisible to the next"
                + " recovery. Run 'xk storage check " + directory + "' to list every damaged region, then 'xk storage"
                + " repair " + directory + "' to copy every readable record into a fresh log (the damaged log is kept"
                + " aside, nothing is deleted)";
    }
}
