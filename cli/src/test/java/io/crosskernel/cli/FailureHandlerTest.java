package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.cli.output.OutputFailedException;
import io.crosskernel.cli.output.OutputPathException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What reaches the top of a command is one line in plain words and an exit code; a stack trace only when asked. */
class FailureHandlerTest {
    private final StringWriter err = new StringWriter();

    private int report(Throwable failure, boolean verbose) {
        return FailureHandler.report(failure, new PrintWriter(err, true), verbose);
    }

    @Test
    void outputProblemsAreBadInputBeforeTheRunAndRuntimeFailuresAfterIt() {
        assertThat(report(new OutputPathException("--jfr /proc/x: cannot create files in /proc"), false))
                .isEqualTo(Xk.BAD_INPUT);
        assertThat(report(new OutputFailedException("cannot write the JSON report /d/r.json: no space left on "
                + "device"), false)).isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(err.toString()).isEqualTo("error: --jfr /proc/x: cannot create files in /proc\n"
                + "error: cannot write the JSON report /d/r.json: no space left on device\n");
    }

    @Test
    void anIoFailureIsTranslatedNotNamedByItsClass() {
        int code = report(new UncheckedIOException("cannot create journal directory /j/host",
                new FileSystemException("/j/host", null, "No space left on device")), false);

        assertThat(code).isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(err.toString()).isEqualTo("error: cannot create journal directory /j/host: no space left on "
                + "device (run with --verbose for the stack trace)\n");
    }

    @Test
    void aFaultInAMappedWriteSaysTheDiskIsProbablyFull() {
        int code = report(new InternalError("a fault occurred in a recent unsafe memory access operation in "
                + "compiled Java code"), false);

        assertThat(code).isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(err.toString()).isEqualTo("error: a write to a memory-mapped file failed; the disk it is on is "
                + "most likely full (run with --verbose for the stack trace)\n");
    }

    @Test
    void anythingElseIsABugSaidWithoutItsClassNameAndTheTraceComesWithVerbose() {
        assertThat(report(new IllegalStateException("boom"), false)).isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(err.toString()).isEqualTo("internal error (a bug in xk): boom (run with --verbose for the stack "
                + "trace)\n");

        err.getBuffer().setLength(0);
        report(new NullPointerException(), true);
        assertThat(err.toString()).startsWith("internal error (a bug in xk): no detail\n")
                .contains("java.lang.NullPointerException", "\tat ");
    }

    @Test
    void anErrorOutOfACommandIsOneLineAndExitThreeNotABareTrace() {
        CommandLine commandLine = new CommandLine(new FaultingCommand());
        commandLine.setExecutionExceptionHandler(new FailureHandler());

        int code = Xk.executeGuarded(commandLine, new String[0], new PrintWriter(err, true));

        assertThat(code).isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(err.toString()).isEqualTo("error: a write to a memory-mapped file failed; the disk it is on is "
                + "most likely full (run with --verbose for the stack trace)\n");
    }

    /** Fails the way Chronicle Queue's mapped writes do on a full disk. */
    @CommandLine.Command(name = "fault")
    static final class FaultingCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new InternalError("a fault occurred in a recent unsafe memory access operation in compiled Java "
                    + "code");
        }
    }
}
