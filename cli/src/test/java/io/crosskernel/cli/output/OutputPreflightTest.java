package io.crosskernel.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output path is checked before anything runs, one line naming the option and the path. */
class OutputPreflightTest {
    @TempDir
    Path dir;

    private static PlannedOutput json(Path path) {
        return PlannedOutput.file("--json-report", "the JSON report", path, "report.json", 4096);
    }

    private static PlannedOutput journal(Path path) {
        return PlannedOutput.durableDirectory("--journal", "the journal", path, 1 << 20);
    }

    private static void check(PlannedOutput... outputs) {
        OutputPreflight.check(List.of(outputs), List.of());
    }

    @Test
    void acceptsNewFilesAndDirectoriesAndLeavesNothingBehind() throws IOException {
        assertThatCode(() -> check(json(dir.resolve("out/deeper/r.json")), journal(dir.resolve("j")),
                PlannedOutput.reportDirectory("--hgrm", "the HdrHistogram files", dir, 1024))).doesNotThrowAnyException();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no probe file, no directory created").isEmpty();
        }
    }

    @Test
    void aDirectoryWhereAFileIsWantedSuggestsAName() {
        assertThatThrownBy(() -> check(json(dir))).isInstanceOf(OutputPathException.class)
                .hasMessage("--json-report " + dir + ": is a directory; give a file name, for example "
                        + dir.resolve("report.json"));
    }

    @Test
    void aFileWhereADirectoryIsWanted() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThatThrownBy(() -> check(PlannedOutput.reportDirectory("--hgrm", "the HdrHistogram files", file, 1)))
                .isInstanceOf(OutputPathException.class)
                .hasMessage("--hgrm " + file + ": is a file, not a directory; give a directory (it is created when "
                        + "missing)");
    }

    @Test
    void aPathBelowARegularFile() throws IOException {
        Path file = Files.writeString(dir.resolve("scenario.yaml"), "x");
        Path below = file.resolve("j/k");
        assertThatThrownBy(() -> check(journal(below))).isInstanceOf(OutputPathException.class)
                .hasMessage("--journal " + below + ": " + file + " is a file, not a directory, so nothing can be "
                        + "created under it");
    }

    @Test
    void aReportUnderProcIsRefusedForWhatItIs() {
        assertThatThrownBy(() -> check(json(Path.of("/proc/x.json")))).isInstanceOf(OutputPathException.class)
                .hasMessage("--json-report /proc/x.json: cannot create files in /proc (it is on the kernel's proc "
                        + "file system, which holds no files)");
    }

    @Test
    void aDeviceIsNotAReportFile() {
        assertThatThrownBy(() -> check(json(Path.of("/dev/null")))).isInstanceOf(OutputPathException.class)
                .hasMessageStartingWith("--json-report /dev/null: is not a regular file");
    }

    @Test
    void aReadOnlyMountIsRefused() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("ro"), "64k", true)) {
            Path target = disk.directory().resolve("sub/report.json");
            assertThatThrownBy(() -> check(json(target))).isInstanceOf(OutputPathException.class)
                    .hasMessage("--json-report " + target + ": cannot create files in " + disk.directory()
                            + " (read-only file system)");
        }
    }

    @Test
    void twoOptionsNamingOneFileAreRefusedAlsoThroughALink() throws IOException {
        Path report = dir.resolve("r.json");
        PlannedOutput html = PlannedOutput.file("--html-report", "the HTML report", dir.resolve("x/../r.json"),
                "report.html", 1);
        assertThatThrownBy(() -> check(json(report), html)).isInstanceOf(OutputPathException.class)
                .hasMessage("--json-report " + report + ": --html-report names the same path; give each its own");

        Files.writeString(report, "{}");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), report);
        PlannedOutput viaLink = PlannedOutput.file("--trace-out", "the trace file", link, "traces.jsonl", 1);
        assertThatThrownBy(() -> check(json(report), viaLink)).isInstanceOf(OutputPathException.class)
                .hasMessageContaining("--trace-out names the same path");
    }

    @Test
    void aLinkToAFileIsCheckedWhereTheWriteWillHappenAtTheLinksTarget() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("ro"), "64k", false)) {
            Path real = Files.writeString(disk.directory().resolve("r.json"), "{}");
            disk.remountReadOnly();
            Path link = Files.createSymbolicLink(dir.resolve("latest.json"), real);

            assertThatThrownBy(() -> check(json(link))).isInstanceOf(OutputPathException.class)
                    .hasMessage("--json-report " + link + ": cannot create files in " + disk.directory()
                            + " (read-only file system)");
        }
    }

    @Test
    void anOutputMustNotOverwriteTheScenario() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), "name: s\n");
        assertThatThrownBy(() -> OutputPreflight.check(List.of(json(scenario)),
                List.of(new OutputPreflight.NamedInput("the scenario file", scenario))))
                .isInstanceOf(OutputPathException.class)
                .hasMessage("--json-report " + scenario + ": is the scenario file; give another name");
    }

    @Test
    void nothingGoesInsideADirectoryWrittenDuringTheRun() {
        Path journalDir = dir.resolve("j");
        PlannedOutput log = PlannedOutput.durableDirectory("kernel 'store' dir", "the storage log of kernel 'store'",
                journalDir.resolve("store"), 1);
        assertThatThrownBy(() -> check(journal(journalDir), log)).isInstanceOf(OutputPathException.class)
                .hasMessage("kernel 'store' dir " + journalDir.resolve("store") + ": is inside --journal "
                        + journalDir + ", which holds the journal only; give a path outside it");
        assertThatThrownBy(() -> check(json(journalDir.resolve("r.json")), journal(journalDir)))
                .isInstanceOf(OutputPathException.class).hasMessageContaining("is inside --journal");
    }
}
