package io.crosskernel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one point of {@code xk sweep} as {@code xk run} with the given arguments, its output going to a log file.
 * Points run one after another, so an implementation needs no thread-safety.
 */
interface PointRunner {
    /** The exit code of a point that did not end within its time limit and was stopped. */
    int TIMED_OUT = -1;

    /**
     * @param runArguments the arguments after {@code xk run}
     * @param log          the file that receives the run's standard output and error
     * @param limitNanos   how long the run may take before it is stopped
     * @return {@code xk run}'s exit code, or {@link #TIMED_OUT}
     */
    int run(List<String> runArguments, Path log, long limitNanos) throws IOException;
}
