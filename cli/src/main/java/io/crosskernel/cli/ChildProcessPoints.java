package io.crosskernel.cli;

import io.crosskernel.hypervisor.host.RunInterruption;
import io.crosskernel.hypervisor.jvm.JvmOpenings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real point as {@code xk run} in a JVM of its own: each point gets the cores, a fresh heap and JIT, and the
 * measurement JVM's flags, and nothing of one point (garbage, threads, pinned cores, open files) can reach the next.
 * The flags come from {@code XK_RUN_JVM_OPTS} (one per line), which the {@code xk} launcher sets to the flags it gives
 * {@code xk run}; without it (the test suite), the module openings alone.
 *
 * <p>Signals: while a child runs, SIGINT and SIGTERM do not end this JVM; each is passed on to the child as SIGTERM
 * (the child drains, writes its report and exits 143, or 130 when the terminal's SIGINT reached it first), and this
 * JVM waits for it. A child still running after its time limit is sent SIGTERM, then killed after
 * {@link #STOP_GRACE_SECONDS}: no child outlives its point.
 */
final class ChildProcessPoints implements PointRunner {
    /** The launcher's flags for {@code xk run}, one per line. */
    static final String RUN_JVM_OPTIONS = "XK_RUN_JVM_OPTS";
    private static final long STOP_GRACE_SECONDS = 30;
    private static final long POLL_MILLIS = 50;

    @Override
    public int run(List<String> runArguments, Path log, long limitNanos) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(System.getenv(RUN_JVM_OPTIONS)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Xk.class.getName(), "run"));
        command.addAll(runArguments);
        RunInterruption interruption = new RunInterruption();
        try (InterruptSignals signals = InterruptSignals.install(interruption)) {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                return await(child, interruption, System.nanoTime() + limitNanos);
            } finally {
                stop(child);
            }
        }
    }

    /** Waits for the child, passing a signal on once; {@link #TIMED_OUT} at the deadline. */
    private static int await(Process child, RunInterruption interruption, long deadline) {
        boolean passedOn = false;
        try {
            while (!child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!passedOn && interruption.reason() != null) {
                    child.destroy(); // SIGTERM: the child drains and reports
                    passedOn = true;
                }
                if (System.nanoTime() - deadline > 0) {
                    return TIMED_OUT;
                }
            }
            return child.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TIMED_OUT;
        }
    }

    /** Ends a child still running: SIGTERM, then SIGKILL after the grace period. */
    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher's flags, one per line; without them, the module openings every JVM of the project needs. */
    static List<String> jvmOptions(String launcherFlags) {
        List<String> options = new ArrayList<>();
        if (launcherFlags != null && !launcherFlags.isBlank()) {
            for (String line : launcherFlags.split("\n")) {
                if (!line.isBlank()) {
                    options.add(line.strip());
                }
            }
            return options;
        }
        options.add("-Xss1m");
        options.addAll(JvmOpenings.flags());
        return options;
    }
}
