package io.crosskernel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code xk} in-process and keeps what it printed. One per test; not thread-safe.
 *
 * <p>Every report a run through this console produces is checked against the published schema
 * ({@link ReportSchema}): the one the test asked for with {@code --json-report}, and otherwise one the console asks
 * for in a temporary directory (and deletes). A run that writes no report (bad input, a failed boot) is left alone:
 * the test's own assertions cover it.
 */
final class XkConsole {
    private static final List<String> NO_RUN = List.of("--help", "-h", "--version", "-V");

    private final boolean freshPerRun;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Output accumulates over every run. */
    XkConsole() {
        this(false);
    }

    /** @param freshPerRun keep only the last run's output */
    XkConsole(boolean freshPerRun) {
        this.freshPerRun = freshPerRun;
    }

    /** @return xk's exit code */
    int run(String... args) {
        if (freshPerRun) {
            out = new StringWriter();
            err = new StringWriter();
        }
        List<String> arguments = Arrays.asList(args);
        boolean runs = !arguments.isEmpty() && arguments.get(0).equals("run")
                && arguments.stream().noneMatch(NO_RUN::contains);
        int asked = arguments.indexOf("--json-report");
        Path ownDir = runs && asked < 0 ? temporaryDirectory() : null;
        Path report = ownDir != null ? ownDir.resolve("report.json")
                : asked >= 0 && asked + 1 < args.length ? Path.of(args[asked + 1]) : null;
        String[] actual = ownDir == null ? args : append(args, "--json-report", report.toString());
        try {
            int code = Xk.execute(actual, new PrintWriter(out, true), new PrintWriter(err, true));
            if (report != null && Files.isRegularFile(report)) {
                ReportSchema.assertValid(report);
            }
            return code;
        } finally {
            if (ownDir != null) {
                delete(report);
                delete(ownDir);
            }
        }
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    private static String[] append(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("xk-report");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
