package io.crosskernel.cli.sweep;

import java.util.Locale;

/** How one point of a sweep ended. */
public enum PointStatus {
    /** Not run yet (a sweep interrupted before it). */
    PENDING,
    /** The run exited 0: balanced, every expectation passed. */
    OK,
    /** The run exited 1: an expectation failed or the accounting did not balance; its figures are kept. */
    EXPECTATIONS_FAILED,
    /** The scenario with this value is refused (exit 2 before anything ran): admission, a value out of range. */
    REFUSED,
    /** The run failed (exit 3) or left no readable report. */
    FAILED,
    /** The run did not end within its time limit and was stopped. */
    TIMED_OUT,
    /** A signal ended the run (exit 130 or 143); the sweep stops after it. */
    INTERRUPTED;

    /** {@code expectations-failed}: as JSON and the table write it. */
    public String alias() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the point has a report whose figures the sweep shows. */
    public boolean hasFigures() {
        return this == OK || this == EXPECTATIONS_FAILED || this == INTERRUPTED;
    }

    /** The status of a run that exited with {@code exitCode} (a report was written for 0, 1, 130, 143). */
    public static PointStatus ofExitCode(int exitCode) {
        return switch (exitCode) {
            case 0 -> OK;
            case 1 -> EXPECTATIONS_FAILED;
            case 2 -> REFUSED;
            case 130, 143 -> INTERRUPTED;
            default -> FAILED;
        };
    }
}
