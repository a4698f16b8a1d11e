package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosskernel.cli.output.TmpfsMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, defects 4 and 5 and the free-space check of 3, as a user meets them: every output path of {@code xk run}
 * is checked before anything runs (exit 2, one line naming the option and the path), a journal or a storage log on a
 * full disk is refused (exit 3), and reports are written whole or not at all. Full and read-only disks are real tmpfs
 * mounts; where mounting is not permitted those tests are skipped (an assumption), not faked.
 */
@Timeout(120)
class OutputPathsTest {
    private static final String RUN = TestScenarios.ingestToWorker("name: outputs\nduration: 300ms\nseed: 3\n",
            "5k/s", "1us", "2us");

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole(true);

    private Path scenario() throws IOException {
        return Files.writeString(dir.resolve("outputs.yaml"), RUN);
    }

    private static String storage(Path data) {
        return "name: store\nduration: 300ms\nseed: 3\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0]}\n"
                + "  - {name: store, type: storage, cores: [1], settings: {dir: '" + data + "', sync: none}}\n"
                + "workload:\n"
                + "  - name: writes\n    stream: {rate: 2k/s}\n"
                + "    stages: [{kernel: ingest, cost: 1us}, {kernel: store, op: put, size: 128B}]\n";
    }

    /** Bad input found before the run: exit 2, exactly one line, the option and the path, nothing ran. */
    private void assertRefusedBeforeTheRun(String expectedLine, String... args) {
        int code = console.run(args);
        assertThat(code).as(console.out() + console.err()).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).isEqualTo("error: " + expectedLine + "\n");
        assertThat(console.out()).doesNotContain("crosskernel: running");
    }

    @Test
    void aDirectoryWhereAReportFileIsWantedIsBadInputBeforeTheRun() throws IOException {
        String s = scenario().toString();
        assertRefusedBeforeTheRun("--json-report " + dir + ": is a directory; give a file name, for example "
                + dir.resolve("report.json"), "run", s, "--quiet", "--json-report", dir.toString());
        assertRefusedBeforeTheRun("--trace-out " + dir + ": is a directory; give a file name, for example "
                + dir.resolve("traces.jsonl"), "run", s, "--quiet", "--trace-out", dir.toString());
        assertRefusedBeforeTheRun("--html-report " + dir + ": is a directory; give a file name, for example "
                + dir.resolve("report.html"), "run", s, "--quiet", "--html-report", dir.toString());
        assertRefusedBeforeTheRun("--jfr " + dir + ": is a directory; give a file name, for example "
                + dir.resolve("run.jfr"), "run", s, "--quiet", "--jfr", dir.toString());
    }

    @Test
    void aFileWhereADirectoryIsWantedOrAboveOneIsBadInputBeforeTheRun() throws IOException {
        Path s = scenario();
        Path taken = Files.writeString(dir.resolve("taken"), "x");
        assertRefusedBeforeTheRun("--journal " + s.resolve("j") + ": " + s + " is a file, not a directory, so nothing "
                + "can be created under it", "run", s.toString(), "--quiet", "--journal", s.resolve("j").toString());
        assertRefusedBeforeTheRun("--hgrm " + taken + ": is a file, not a directory; give a directory (it is "
                + "created when missing)", "run", s.toString(), "--quiet", "--hgrm", taken.toString());
        assertRefusedBeforeTheRun("--journal " + taken + ": is a file, not a directory; give a directory (it is "
                + "created when missing)", "run", s.toString(), "--quiet", "--journal", taken.toString());
    }

    @Test
    void procIsNoPlaceForAReport() throws IOException {
        String s = scenario().toString();
        String proc = " (it is on the kernel's proc file system, which holds no files)";
        assertRefusedBeforeTheRun("--json-report /proc/x.json: cannot create files in /proc" + proc, "run", s,
                "--quiet", "--json-report", "/proc/x.json");
        assertRefusedBeforeTheRun("--jfr /proc/x.jfr: cannot create files in /proc" + proc, "run", s, "--quiet",
                "--jfr", "/proc/x.jfr");
        assertRefusedBeforeTheRun("--trace-out /proc/self/t.jsonl: cannot create files in /proc/self" + proc, "run",
                s, "--quiet", "--trace-out", "/proc/self/t.jsonl");
    }

    @Test
    void twoOptionsNamingOneFileAndAReportOverTheScenarioAreBadInput() throws IOException {
        Path s = scenario();
        Path report = dir.resolve("r.json");
        assertRefusedBeforeTheRun("--json-report " + report + ": --trace-out names the same path; give each its own",
                "run", s.toString(), "--quiet", "--json-report", report.toString(), "--trace-out", report.toString());
        assertRefusedBeforeTheRun("--html-report " + s + ": is the scenario file; give another name", "run",
                s.toString(), "--quiet", "--html-report", s.toString());
        Path journal = dir.resolve("j");
        assertRefusedBeforeTheRun("--hgrm " + journal + ": --journal names the same directory; give each its own",
                "run", s.toString(), "--quiet", "--hgrm", journal.toString(), "--journal", journal.toString());
    }

    @Test
    void everyOutputOnAReadOnlyMountIsBadInputBeforeTheRun() throws Exception {
        Path s = scenario();
        try (TmpfsMount ro = TmpfsMount.mount(dir.resolve("ro"), "64k", true)) {
            Path m = ro.directory();
            String readOnly = ": cannot create files in " + m + " (read-only file system)";
            for (String option : List.of("--json-report", "--html-report", "--jfr", "--trace-out")) {
                Path target = m.resolve("out/report");
                assertRefusedBeforeTheRun(option + " " + target + readOnly, "run", s.toString(), "--quiet", option,
                        target.toString());
            }
            for (String option : List.of("--hgrm", "--journal")) {
                Path target = m.resolve("dir");
                assertRefusedBeforeTheRun(option + " " + target + readOnly, "run", s.toString(), "--quiet", option,
                        target.toString());
            }
            Path data = m.resolve("store");
            Path storageScenario = Files.writeString(dir.resolve("store.yaml"), storage(data));
            assertRefusedBeforeTheRun("kernel 'store' dir " + data + readOnly, "run", storageScenario.toString(),
                    "--quiet");
        }
    }

    @Test
    void aJournalOrAStorageLogOnAFullDiskIsRefusedWithOneLine() throws Exception {
        Path s = scenario();
        try (TmpfsMount full = TmpfsMount.mount(dir.resolve("full"), "256k", false)) {
            full.fill();
            Path journal = full.directory().resolve("j");

            int code = console.run("run", s.toString(), "--quiet", "--journal", journal.toString());

            assertThat(code).as(console.out() + console.err()).isEqualTo(Xk.RUNTIME_FAILURE);
            assertThat(console.err()).isEqualTo("error: --journal " + journal + ": the file system " + full.directory()
                    + " (tmpfs) is full (0B free; the journal needs at least 1MiB to start): free some space or "
                    + "choose another directory\n");
            assertThat(console.out()).doesNotContain("crosskernel: running");
            assertThat(journal).doesNotExist();

            Path data = full.directory().resolve("store");
            Path storageScenario = Files.writeString(dir.resolve("store.yaml"), storage(data));
            code = console.run("run", storageScenario.toString(), "--quiet");

            assertThat(code).isEqualTo(Xk.RUNTIME_FAILURE);
            assertThat(console.err()).isEqualTo("error: kernel 'store' dir " + data + ": the file system "
                    + full.directory() + " (tmpfs) is full (0B free; the storage log of kernel 'store' needs at least "
                    + "1MiB to start): free some space or choose another directory\n");
        }
    }

    /**
     * Defect 15.5: on a disk with one page left, every report fails whole (no 4 096-byte JSON, no HTML cut mid-tag),
     * each failure is one line naming its file, the report on another disk is still written, and the run exits 3.
     * The free-space check warned before the run, and the run went ahead.
     */
    @Test
    void reportsOnANearlyFullDiskAreWrittenWholeOrNotAtAllAndNamed() throws Exception {
        Path s = scenario();
        Path elsewhere = dir.resolve("ok/r.json");
        try (TmpfsMount full = TmpfsMount.mount(dir.resolve("full"), "256k", false)) {
            full.leaveFree(4096);
            Path m = full.directory();
            Path html = m.resolve("r.html");
            Path traces = m.resolve("t.jsonl");
            Path jfr = m.resolve("r.jfr");

            int code = console.run("run", s.toString(), "--quiet", "--json-report", elsewhere.toString(),
                    "--html-report", html.toString(), "--trace-out", traces.toString(), "--trace-sample", "100%",
                    "--jfr", jfr.toString());

            assertThat(code).as(console.out() + console.err()).isEqualTo(Xk.RUNTIME_FAILURE);
            assertThat(console.out()).contains("crosskernel: running", "JSON report written to " + elsewhere);
            List<String> lines = console.err().lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("warning: " + m + " (tmpfs) has 4KiB free, but this run is expected "
                    + "to write about ").endsWith(": it may run out of space");
            assertThat(lines.subList(1, 4)).containsExactlyInAnyOrder(
                    "error: cannot write the JFR recording " + jfr + ": no space left on device",
                    "error: cannot write the HTML report " + html + ": no space left on device",
                    "error: cannot write the trace file " + traces + ": no space left on device");
            assertThat(new ObjectMapper().readTree(elsewhere.toFile()).path("scenario").asText()).isEqualTo("outputs");
            try (Stream<Path> left = Files.list(m)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("filler-4096");
            }
            assertThat(full.usableSpace()).as("no temporary file holds the space").isEqualTo(4096);
        }
    }
}
