package io.crosskernel.cli;

import io.crosskernel.hypervisor.host.RunFailedException;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Maps what a command throws to a one-line message and an exit code; the stack trace only with {@code --verbose}.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
        int code;
        if (ex instanceof ScenarioException || ex instanceof BadInputException) {
            err.println("error: " + ex.getMessage());
            code = Xk.BAD_INPUT;
        } else if (ex instanceof RunFailedException) {
            err.println("run failed: " + ex.getMessage());
            code = Xk.RUNTIME_FAILURE;
        } else {
            err.println("internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
            code = Xk.RUNTIME_FAILURE;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
