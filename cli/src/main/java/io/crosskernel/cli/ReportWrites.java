package io.crosskernel.cli;

import io.crosskernel.cli.output.IoProblem;
import io.crosskernel.cli.output.OutputFailedException;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The files a command writes after its work: each one is attempted even when an earlier one failed (a full disk
 * under the JSON report should not cost the HTML report on another disk), each failure is printed as one
 * {@code error:} line naming the file, and any failure makes the command exit 3.
 *
 * <p>Not thread-safe; the command's thread.
 */
final class ReportWrites {
    /** One output's write, and the line saying where it went. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private final PrintWriter err;
    private int failures;

    ReportWrites(PrintWriter err) {
        this.err = err;
    }

    void attempt(Write write) {
        try {
            write.run();
        } catch (OutputFailedException e) {
            failed(e.getMessage());
        } catch (IOException e) {
            failed("cannot write an output: " + IoProblem.sentence(e));
        }
    }

    /** @return true when every write attempted so far succeeded */
    boolean allWritten() {
        return failures == 0;
    }

    private void failed(String message) {
        failures++;
        err.println("error: " + message);
        err.flush();
    }
}
