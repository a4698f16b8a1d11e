package io.crosskernel.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code xk}: the crosskernel command line.
 *
 * <p>Exit codes: 0 ok, 1 an {@code expect:} threshold failed, 2 bad input (scenario, options), 3 runtime failure,
 * 130/143 a run interrupted by SIGINT/SIGTERM (reports written, see {@code InterruptSignals}).
 */
@Command(name = "xk", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Runs partitioned, specialised kernels on pinned cores and reports what they did.",
        subcommands = {RunCommand.class, ValidateCommand.class, TopologyCommand.class, TraceCommand.class,
                ReplayCommand.class, JournalCommand.class, StorageCommand.class, CompareCommand.class,
                CalibrateCommand.class, SweepCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nBenchmarks (a command of the ./xk launcher, not of this jar):%n",
        footer = {"  ./xk bench [smoke|quick|full] [--out DIR]",
                "      builds bench/ and runs the suite in a JVM of its own: round trip,",
                "      throughput, journal and isolation against baselines in the same run.",
                "      ./xk bench --help for every option; docs/BENCHMARKS.md for the figures."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:an expect: threshold failed, or the accounting did not balance",
                "2:bad input (scenario file or options)",
                "3:runtime failure (a kernel failed, a fail channel overflowed, a report could not be written)",
                "130:xk run interrupted by SIGINT (reports written, marked interrupted)",
                "143:xk run interrupted by SIGTERM (likewise)"})
public final class Xk implements Runnable {
    public static final int OK = 0;
    public static final int EXPECTATION_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int RUNTIME_FAILURE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code xk} with the given arguments and streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Xk());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("xk: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return BAD_INPUT;
        });
        int code = executeGuarded(commandLine, args, err);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs the command line. picocli hands only exceptions to the {@link FailureHandler}; an Error out of a command (a
     * fault in a memory-mapped write surfaces as {@code InternalError}) would otherwise end the JVM with a bare stack
     * trace, so it is reported here the same way: one line, exit 3, the trace with {@code --verbose}.
     */
    static int executeGuarded(CommandLine commandLine, String[] args, PrintWriter err) {
        try {
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            return FailureHandler.report(e, err, java.util.Arrays.asList(args).contains("--verbose"));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
