package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.process.ChildJvmCommand;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
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
                List.of(scenario.toString()))).redirectOutput(Redirect.DISCARD).redirectError(Redirect.INHERIT)
                .start();
    }

    /** The host's kernel process, once it runs (the run directory then holds its ring files). */
    private ProcessHandle awaitKernelProcess(Process host) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && host.isAlive()) {
            List<ProcessHandle> children = host.toHandle().children().toList();
            if (!children.isEmpty() && ringFiles() > 0) {
                return children.get(0);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new AssertionError("the host started no kernel process");
    }

    private long ringFiles() throws IOException {
        try (Stream<Path> files = Files.walk(runDir)) {
            return files.filter(f -> f.toString().endsWith(".ring")).count();
        }
    }

    @Test
    void aHostEndedBySigtermLeavesNoKernelProcessAndNoFile() throws Exception {
        Process host = startHost();
        try {
            ProcessHandle kernel = awaitKernelProcess(host);
            host.destroy(); // SIGTERM

            assertThat(host.waitFor(10, TimeUnit.SECONDS)).as("host exited").isTrue();
            assertThat(kernel.onExit().get(2, TimeUnit.SECONDS).isAlive()).as("kernel process alive").isFalse();
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
            assertThat(kernel.onExit().get(2, TimeUnit.SECONDS).isAlive()).as("kernel process alive").isFalse();
        } finally {
            host.destroyForcibly().waitFor(); // the run directory it leaves goes with the test's temporary directory
        }
    }
}
