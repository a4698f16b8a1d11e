package io.crosskernel.cli.output;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file or directory a command will write, declared before it does anything so that {@link OutputPreflight} and
 * {@link FreeSpaceCheck} can look at all of them together. Immutable.
 *
 * @param label         where the path comes from, for messages: {@code --json-report}, {@code kernel 'store' dir}
 * @param what          what is written there, for messages: {@code the JSON report}, {@code the journal}
 * @param path          the path as the user wrote it
 * @param directory     true when the path names a directory the command fills, false for one file
 * @param suggestedName for a file, a name to suggest when the path turns out to be a directory
 * @param expectedBytes about how many bytes the command will write there (an estimate, see each caller)
 * @param durable       written while the command runs (a journal, a storage log), so a file system too full to start
 *                      it refuses the run; reports, written at the end, only warn
 */
public record PlannedOutput(String label, String what, Path path, boolean directory, String suggestedName,
        long expectedBytes, boolean durable) {
    public PlannedOutput {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(path, "path");
    }

    /** A report file, written once at the end. */
    public static PlannedOutput file(String label, String what, Path path, String suggestedName, long expectedBytes) {
        return new PlannedOutput(label, what, path, false, suggestedName, expectedBytes, false);
    }

    /** A directory of report files, written once at the end. */
    public static PlannedOutput reportDirectory(String label, String what, Path path, long expectedBytes) {
        return new PlannedOutput(label, what, path, true, null, expectedBytes, false);
    }

    /** A directory written to while the command runs (a journal, a log). */
    public static PlannedOutput durableDirectory(String label, String what, Path path, long expectedBytes) {
        return new PlannedOutput(label, what, path, true, null, expectedBytes, true);
    }

    /** {@code --json-report out/r.json}: how messages name it. */
    String named() {
        return label + " " + path;
    }

    /** The absolute, normalised path. */
    Path absolute() {
        return path.toAbsolutePath().normalize();
    }
}
