package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.process.ChildJvmCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that ends by a signal leaves nothing behind: its kernel process watches it and exits within 2 s, and its run
 * directory is deleted (SIGTERM: by the host's shutdown hook; SIGKILL: by the next run, see ProcessIsolationRunTest).
 */
@Timeout(120)
class HostSignalTest {
    @TempDir
    Path runDir;

    private Process startHost() throws IOException {
        Path scenario = runDir.resolveSibling(runDir.getFileName() + "-scenario.yaml");
        Files.writeString(scenario, "name: signalled\nduration: 60s\nseed: 7\n"
                + "host: {oversubscribe: true, housekeeping: false, runDir: '" + runDir + "'}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0]}\n"
                + "  - {name: middle, type: general, cores: [1], isolation: process}\n"
                + "workload:\n"
                + "  - name: orders\n    stream: {rate: 1k/s}\n"
                + "    stages:\n"
                + "      - {kernel: ingest, cost: 1us}\n"
                + "      - {kernel: middle, cost: 1us}\n");
        return new ProcessBuilder(ChildJvmCommand.of(List.of(), HostInAChild.class.getName(),
                List.of(scenario.toString()))).redirectError(Redirect.INHERIT)
                .start();
    }

    /**
     * The host's kernel process, once the host says its run has started (its kernel process then runs its kernel and
     * watches the host from its main loop). Reads the host's standard output until that line; the host's end before
     * it (end of output) fails the test.
     */
    private static ProcessHandle awaitKernelProcess(Process host) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
            if (line == null) {
                throw new AssertionError("the host ended before its run started");
            }
        } while (!line.equals(HostInAChild.STARTED));
        List<ProcessHandle> children = host.toHandle().children().toList();
        assertThat(children).as("the host's kernel processes").hasSize(1);
        return children.get(0);
    }

    /**
     * Whether {@code process} (not this JVM's child: the host's) ends within {@code nanos}. Polls its state every
     * 5 ms rather than waiting on {@code ProcessHandle.onExit()}: for a process that is not its own child the JDK
     * polls with sleeps growing from 300 ms, which on a loaded machine alone took the 2 s this bound allows. A zombie
     * (ended, not yet reaped by whichever process adopted it) counts as ended.
     */
    private static boolean endsWithin(ProcessHandle process, long nanos) throws IOException {
        long deadline = System.nanoTime() + nanos;
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        while (true) {
            if (!process.isAlive() || !Files.exists(stat) || zombie(stat)) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Whether the {@code /proc/PID/stat} line says the process is a zombie (state {@code Z} after the name). */
    private static boolean zombie(Path stat) {
        try {
            String line = Files.readString(stat);
            int nameEnd = line.lastIndexOf(')');
            return nameEnd > 0 && nameEnd + 2 < line.length() && line.charAt(nameEnd + 2) == 'Z';
        } catch (IOException gone) { // ended between the check and the read
            return true;
        }
    }

    @Test
    void aHostEndedBySigtermLeavesNoKernelProcessAndNoFile() throws Exception {
        Process host = startHost();
        try {
            ProcessHandle kernel = awaitKernelProcess(host);
            host.destroy(); // SIGTERM

            assertThat(host.waitFor(10, TimeUnit.SECONDS)).as("host exited").isTrue();
            assertThat(endsWithin(kernel, TimeUnit.SECONDS.toNanos(2))).as("kernel process ended within 2 s").isTrue();
            try (Stream<Path> left = Files.list(runDir)) {
                assertThat(left).as("files left").isEmpty();
            }
        } finally {
            host.destroyForcibly().waitFor();
        }
    }

    @Test
    void aKernelProcessWhoseHostIsKilledExitsWithinTwoSeconds() throws Exception {
        Process host = startHost();
        try {
            ProcessHandle kernel = awaitKernelProcess(host);
            host.destroyForcibly(); // SIGKILL: no finally, no shutdown hook

            assertThat(host.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(endsWithin(kernel, TimeUnit.SECONDS.toNanos(2))).as("kernel process ended within 2 s").isTrue();
        } finally {
            host.destroyForcibly().waitFor(); // the run directory it leaves goes with the test's temporary directory
        }
    }
}
