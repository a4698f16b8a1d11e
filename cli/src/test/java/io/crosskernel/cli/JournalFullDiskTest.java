package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.kernels.testsupport.SmallFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xk run --journal} on a disk that fills mid-run (issue 15 defect 3, the journal's half), then the journal
 * read back. The disk is a real 2 MiB tmpfs mounted by the test ({@link SmallFileSystem}): a full disk is a real
 * ENOSPC and a real SIGBUS for a mapped write into a hole. Where mounting is not permitted (not root, not Linux) the
 * test skips itself with one line saying so.
 */
@Timeout(60)
class JournalFullDiskTest {
    /** 40 000 journal entries a second of 76 bytes: about 3 MiB a second, so the 2 MiB disk fills within the run. */
    private static final String SCENARIO = "name: fills-the-disk\nduration: 3s\nseed: 3\n"
            + "host: {oversubscribe: true, housekeeping: false}\n"
            + "kernels:\n"
            + "  - {name: ingest, type: general, cores: [0], idle: backoff}\n"
            + "  - {name: worker, type: general, cores: [1], idle: backoff}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 20k/s}\n"
            + "    stages: [{kernel: ingest, cost: 1us}, {kernel: worker, cost: 1us}]\n";

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole(true);

    @Test
    void aFullDiskStopsTheRunWithOneMessageWritesTheReportAndLeavesAJournalThatReadsToItsLastEntry()
            throws IOException {
        Optional<SmallFileSystem> mounted = SmallFileSystem.mount(dir.resolve("disk"), 2L << 20);
        Assumptions.assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root: full-disk journal not tested here");
        try (SmallFileSystem disk = mounted.get()) {
            Path scenario = dir.resolve("s.yaml");
            Files.writeString(scenario, SCENARIO);
            Path journal = disk.root().resolve("journal");
            Path report = dir.resolve("report.json");

            int code = console.run("run", scenario.toString(), "--journal", journal.toString(), "--quiet",
                    "--json-report", report.toString());

            String all = console.out() + console.err();
            assertThat(code).as(all).isEqualTo(Xk.RUNTIME_FAILURE);
            assertThat(console.out()).contains("Run FAILED: no space left on device for the journal queue "
                    + journal);
            assertThat(all).contains("the journal " + journal + " ends at its last complete entry")
                    .doesNotContain("\tat ").doesNotContain("InternalError").doesNotContain("close was called twice")
                    .doesNotContain("task error");
            assertThat(report).as("the report is written elsewhere").isRegularFile();
            assertThat(Files.readString(report)).contains("no space left on device for the journal queue");

            assertThat(console.run("journal", journal.toString(), "--type", "end")).as(console.err())
                    .isEqualTo(Xk.OK);
            assertThat(console.out()).contains("end: failed: no space left on device for the journal queue",
                    "(failed: no space left on device");

            assertThat(console.run("replay", journal.toString())).as(console.err()).isEqualTo(Xk.OK);
            assertThat(console.out()).contains("the journal ends early because the run failed: no space left on"
                    + " device for the journal queue", "It ends at its last complete entry", "ingest->worker");
            assertThat(console.err()).isEmpty();
        }
    }
}
