package io.crosskernel.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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

    /**
     * The subcommands by name, in the order the usage lists them. Registered in code rather than in the annotation so
     * that a command line naming one of them builds only that one: picocli reflects over every registered command and
     * its options when the command line is built, and doing so for all eleven was a tenth of a simulated run's start.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("run", RunCommand::new);
        commands.put("validate", ValidateCommand::new);
        commands.put("topology", TopologyCommand::new);
        commands.put("trace", TraceCommand::new);
        commands.put("replay", ReplayCommand::new);
        commands.put("journal", JournalCommand::new);
        commands.put("storage", StorageCommand::new);
        commands.put("compare", CompareCommand::new);
        commands.put("calibrate", CalibrateCommand::new);
        commands.put("sweep", SweepCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    /** The whole command line, every subcommand registered (help, suggestions, the usage of each command). */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Xk());
        SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        return commandLine;
    }

    /**
     * The command line {@code args} need: only the subcommand they start with, when they start with one other than
     * {@code help} (so picocli reflects over that command alone), and every subcommand otherwise ({@code xk --help},
     * {@code xk help run}, a misspelt command and its suggestions).
     */
    static CommandLine commandLineFor(String[] args) {
        Supplier<Object> named = args.length == 0 || args[0].equals("help") ? null : SUBCOMMANDS.get(args[0]);
        if (named != null) {
            CommandLine commandLine = new CommandLine(new Xk());
            commandLine.addSubcommand(args[0], named.get());
            return commandLine;
        }
        return commandLine();
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code xk} with the given arguments and streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLineFor(args);
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
