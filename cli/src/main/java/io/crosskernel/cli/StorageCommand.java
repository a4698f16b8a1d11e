package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.kernels.storage.LogDamage;
import io.crosskernel.kernels.storage.LogInspection;
import io.crosskernel.kernels.storage.LogInspector;
import io.crosskernel.kernels.storage.LogRepair;
import io.crosskernel.kernels.storage.StorageSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xk storage check|repair DIR}: the operator's tools for a storage kernel's log (docs/STORAGE.md, "Failure
 * modes"). {@code check} reads every file of the log without writing; {@code repair} copies every readable record
 * into a fresh log and keeps the original aside. Both must run on a log no {@code xk run} is using.
 */
@Command(name = "storage", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Checks and repairs a storage kernel's log: the directory its 'dir' setting names "
                + "(xk-data/<kernel name> by default).",
        subcommands = {StorageCommand.Check.class, StorageCommand.Repair.class, CommandLine.HelpCommand.class})
final class StorageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What both subcommands share: DIR, --max-value, --verbose, and how a failure is reported. */
    abstract static class LogCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The log directory.")
        Path directory;

        @Option(names = "--max-value", paramLabel = "SIZE", defaultValue = "16MiB",
                description = "The largest value a record may hold (default ${DEFAULT-VALUE}, the most a storage "
                        + "kernel's maxValue allows): longer length fields are damage.")
        String maxValue;

        @Mixin
        CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = directory.toAbsolutePath().normalize();
            int maxValueBytes = maxValueBytes();
            try {
                return run(out, dir, maxValueBytes);
            } catch (NoSuchFileException | NotDirectoryException e) {
                throw new BadInputException("DIR: " + dir + " is not a directory");
            } catch (IOException | RuntimeException e) {
                // one line on stderr, the stack trace only with --verbose, exit 3
                PrintWriter err = spec.commandLine().getErr();
                err.println(failure(dir, e));
                if (common.verbose) {
                    e.printStackTrace(err);
                }
                err.flush();
                return Xk.RUNTIME_FAILURE;
            } finally {
                out.flush();
            }
        }

        /** Does the work; returns the exit code. */
        abstract int run(PrintWriter out, Path dir, int maxValueBytes) throws IOException;

        /** The one line a failure prints. */
        abstract String failure(Path dir, Exception e);

        private int maxValueBytes() {
            long bytes;
            try {
                bytes = Units.parseSizeBytes(maxValue);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--max-value: " + e.getMessage());
            }
            if (bytes < 1 || bytes > StorageSettings.MAX_MAX_VALUE) {
                throw new BadInputException("--max-value must be between 1B and " + StorageSettings.MAX_MAX_VALUE
                        + "B, got " + maxValue);
            }
            return (int) bytes;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
            description = {"Reads every file of a storage log without writing to it and reports every damaged region:"
                    + " file, offset, size, records lost, and what Chronicle would make of it.",
                    "Exit 0: the log is clean. Exit 1: damage found (listed). Exit 2: DIR is not a directory. "
                            + "Exit 3: a file could not be read."})
    static final class Check extends LogCommand {
        @Override
        int run(PrintWriter out, Path dir, int maxValueBytes) throws IOException {
            LogInspection inspection = LogInspector.inspect(dir, maxValueBytes);
            printInspection(out, inspection);
            if (inspection.clean()) {
                out.println("clean: every record reads back whole");
                return Xk.OK;
            }
            if (inspection.blocksWriting()) {
                out.println("DAMAGED: a storage kernel will not open this log for writing"
                        + (tailOnly(inspection) ? " unless the damage is a write a crash cut short at its end (it"
                        + " finishes that at open)" : "") + ". Run 'xk storage repair " + dir + "' to copy every"
                        + " readable record into a fresh log (the damaged one is kept aside).");
            } else {
                out.println("DAMAGED records: a storage kernel opens this log and answers 'corrupt' for their keys"
                        + " until they are written again; 'xk storage repair " + dir + "' rewrites it without them.");
            }
            return Xk.EXPECTATION_FAILED; // the check found what it checks for: exit 1, like a failed expectation
        }

        @Override
        String failure(Path dir, Exception e) {
            return "xk storage check: cannot read the log in " + dir + ": " + detail(e);
        }

        private static boolean tailOnly(LogInspection inspection) {
            LogInspection.CycleFile last = inspection.lastFile();
            return last != null && last.tail() != null && inspection.blocking().size() == 1
                    && inspection.blocking().get(0).equals(last.tail());
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
            description = {"Copies every readable record of a damaged storage log, in order, into a fresh log that "
                    + "takes DIR's place; the original is kept beside it as DIR.damaged-<time>. Nothing is deleted. "
                    + "A clean log is left untouched.",
                    "A key whose damaged record still shows its key answers 'corrupt' after the repair, as before it, "
                            + "rather than its previous value. Run it on a log no xk run is using.",
                    "Exit 0: repaired, or nothing to repair. Exit 2: DIR is not a directory. Exit 3: the repair "
                            + "failed (no space for the fresh log, a file could not be read or renamed); the "
                            + "original is left as it was."})
    static final class Repair extends LogCommand {
        @Override
        int run(PrintWriter out, Path dir, int maxValueBytes) throws IOException {
            LogRepair.Result result = LogRepair.repair(dir, maxValueBytes);
            printInspection(out, result.before());
            if (!result.repaired()) {
                out.println("clean: nothing to repair");
                return Xk.OK;
            }
            out.println("repaired: " + result.recordsCopied() + " records copied into a fresh log in " + dir);
            if (result.lostMarkers() > 0) {
                out.println("  " + result.lostMarkers() + " damaged records whose key was readable: those keys answer"
                        + " 'corrupt' until written again (never their previous value)");
            }
            if (result.unknownKeys() > 0) {
                out.println("  " + result.unknownKeys() + " damaged regions whose records' keys cannot be known: if one"
                        + " of them held a key's latest value, that key now reads its previous value");
            }
            out.println("the damaged log is kept in " + result.keptAside() + " (delete it when you no longer need it)");
            return Xk.OK;
        }

        @Override
        String failure(Path dir, Exception e) {
            // LogRepair's messages say what became of the original and of the copy
            return "xk storage repair: " + detail(e);
        }
    }

    static void printInspection(PrintWriter out, LogInspection inspection) {
        out.println(inspection.directory() + ": " + inspection.files().size() + " cycle file"
                + (inspection.files().size() == 1 ? "" : "s") + ", " + inspection.records() + " whole records");
        for (LogInspection.CycleFile f : inspection.files()) {
            out.println("  " + f.file().getFileName() + ": " + f.records() + " records, data ends at offset "
                    + f.dataEnd() + (f.endOfFileMarker() ? " (end-of-file marker)" : ""));
        }
        if (!inspection.damage().isEmpty()) {
            out.println(inspection.damage().size() + " damaged region" + (inspection.damage().size() == 1 ? "" : "s")
                    + ":");
            for (LogDamage d : inspection.damage()) {
                out.println("  " + d.describe() + " [" + d.kind().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + "]");
            }
        }
    }

    private static String detail(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
