package io.crosskernel.cli;

import io.crosskernel.cli.output.IoProblem;
import io.crosskernel.cli.output.OutputFailedException;
import io.crosskernel.cli.output.OutputPathException;
import io.crosskernel.hypervisor.host.RunFailedException;
import io.crosskernel.hypervisor.journal.JournalDamagedException;
import io.crosskernel.hypervisor.journal.JournalFailedException;
import io.crosskernel.api.disk.CycleFileSpace;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Maps what a command throws to a one-line message and an exit code; the stack trace only with {@code --verbose}.
 * Messages are plain words: an I/O failure says what the operating system said ({@code no space left on device}),
 * never a Java exception's class name.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
        return report(ex, commandLine.getErr(), verbose);
    }

    /**
     * Prints {@code failure} as one line (and its stack trace when {@code verbose}) and returns the exit code. Also
     * used by {@link Xk#execute} for the errors picocli does not hand to a handler.
     */
    static int report(Throwable failure, PrintWriter err, boolean verbose) {
        int code;
        if (failure instanceof ScenarioException || failure instanceof BadInputException
                || failure instanceof OutputPathException) {
            err.println("error: " + failure.getMessage());
            code = Xk.BAD_INPUT;
        } else if (failure instanceof RunFailedException) {
            err.println("run failed: " + failure.getMessage());
            code = Xk.RUNTIME_FAILURE;
        } else if (failure instanceof OutputFailedException || failure instanceof JournalFailedException
                || failure instanceof JournalDamagedException) {
            err.println("error: " + failure.getMessage());
            code = Xk.RUNTIME_FAILURE;
        } else if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            err.println("error: " + IoProblem.sentence(failure) + hint(verbose));
            code = Xk.RUNTIME_FAILURE;
        } else if (CycleFileSpace.isMappedWriteFault(failure)) {
            err.println("error: a write to a memory-mapped file failed; the disk it is on is most likely full"
                    + hint(verbose));
            code = Xk.RUNTIME_FAILURE;
        } else {
            String message = failure.getMessage();
            err.println("internal error (a bug in xk): " + (message == null || message.isBlank() ? "no detail"
                    : message) + hint(verbose));
            code = Xk.RUNTIME_FAILURE;
        }
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String hint(boolean verbose) {
        return verbose ? "" : " (run with --verbose for the stack trace)";
    }
}
