package io.crosskernel.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free space against what a run is expected to write: a warning, or a refusal for a journal on a full disk. */
class FreeSpaceCheckTest {
    @TempDir
    Path dir;

    @Test
    void aJournalOnAFullFileSystemIsRefusedBeforeTheRun() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("full"), "256k", false)) {
            disk.fill();
            Path journal = disk.directory().resolve("j");
            PlannedOutput output = PlannedOutput.durableDirectory("--journal", "the journal", journal, 40_000);

            assertThatThrownBy(() -> new FreeSpaceCheck().check(List.of(output)))
                    .isInstanceOf(OutputFailedException.class)
                    .hasMessageMatching("--journal \\Q" + journal + "\\E: the file system \\Q" + disk.directory()
                            + "\\E \\(tmpfs\\) is full \\(0B free; the journal needs at least 1MiB to start\\): "
                            + "free some space or choose another directory");
        }
    }

    @Test
    void reportsOnAFullFileSystemOnlyWarn() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("full"), "256k", false)) {
            disk.fill();
            PlannedOutput json = PlannedOutput.file("--json-report", "the JSON report",
                    disk.directory().resolve("r.json"), "report.json", 9000);

            assertThat(new FreeSpaceCheck().check(List.of(json))).containsExactly(disk.directory() + " (tmpfs) has "
                    + "0B free, but this run is expected to write about 8.79KiB there (--json-report 8.79KiB): it "
                    + "may run out of space");
        }
    }

    @Test
    void warnsOncePerFileSystemWithEveryOutputOnIt() throws Exception {
        try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("small"), "2m", false)) {
            long free = disk.usableSpace();
            PlannedOutput journal = PlannedOutput.durableDirectory("--journal", "the journal",
                    disk.directory().resolve("j"), free);
            PlannedOutput html = PlannedOutput.file("--html-report", "the HTML report",
                    disk.directory().resolve("deep/r.html"), "report.html", 2048);
            PlannedOutput elsewhere = PlannedOutput.file("--json-report", "the JSON report", dir.resolve("r.json"),
                    "report.json", 2048);

            List<String> warnings = new FreeSpaceCheck().check(List.of(journal, html, elsewhere));

            assertThat(warnings).singleElement().asString()
                    .startsWith(disk.directory() + " (tmpfs) has 2MiB free, but this run is expected to write about "
                            + "2MiB there (--journal 2MiB, --html-report 2KiB)");
            assertThat(new FreeSpaceCheck().check(List.of(PlannedOutput.durableDirectory("--journal", "the journal",
                    disk.directory().resolve("j"), free)))).as("exactly what is free fits").isEmpty();
        }
    }

    /** The arithmetic alone, with a stub file system: runs where no tmpfs can be mounted. */
    @Test
    void theFloorAppliesToDurableOutputsOnlyAndTheSumToAll() {
        FakeStore store = new FakeStore(FreeSpaceCheck.DURABLE_FLOOR_BYTES - 1);
        FreeSpaceCheck check = new FreeSpaceCheck(directory -> store);
        PlannedOutput log = PlannedOutput.durableDirectory("kernel 'store' dir", "the storage log of kernel 'store'",
                dir.resolve("store"), 10);
        PlannedOutput report = PlannedOutput.file("--json-report", "the JSON report", dir.resolve("r.json"),
                "report.json", 10);

        assertThatThrownBy(() -> check.check(List.of(report, log))).isInstanceOf(OutputFailedException.class)
                .hasMessageStartingWith("kernel 'store' dir " + dir.resolve("store") + ": the file system fake is "
                        + "full (1024KiB free; the storage log of kernel 'store' needs at least 1MiB to start)");
        assertThat(check.check(List.of(report))).isEmpty();
        store.usable = 15;
        assertThat(check.check(List.of(report))).isEmpty();
        assertThat(check.check(List.of(report, report))).as("two 10-byte reports on 15 free bytes")
                .containsExactly("fake has 15B free, but this run is expected to write about 20B there "
                        + "(--json-report 10B, --json-report 10B): it may run out of space");
        store.usable = FreeSpaceCheck.DURABLE_FLOOR_BYTES;
        assertThat(check.check(List.of(log))).isEmpty();
    }

    private static final class FakeStore extends FileStore {
        long usable;

        FakeStore(long usable) {
            this.usable = usable;
        }

        @Override
        public String toString() {
            return "fake";
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public long getTotalSpace() {
            return usable;
        }

        @Override
        public long getUsableSpace() {
            return usable;
        }

        @Override
        public long getUnallocatedSpace() {
            return usable;
        }

        @Override
        public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
            return false;
        }

        @Override
        public boolean supportsFileAttributeView(String name) {
            return false;
        }

        @Override
        public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
            return null;
        }

        @Override
        public Object getAttribute(String attribute) throws IOException {
            throw new UnsupportedOperationException(attribute);
        }
    }
}
