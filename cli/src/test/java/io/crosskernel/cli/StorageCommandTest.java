package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.kernels.storage.LogConfig;
import io.crosskernel.kernels.storage.StorageEngine;
import io.crosskernel.kernels.common.data.ValueFiller;
import io.crosskernel.kernels.testsupport.SmallFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xk storage check|repair} and what {@code xk run} says about a damaged or full storage log (issue 15).
 */
@Timeout(120)
class StorageCommandTest {
    private static final int RECORDS = 400;

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole(true);

    private Path log() {
        return dir.resolve("store").toAbsolutePath();
    }

    private void writeLog() {
        byte[] value = new byte[64];
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(log()))) {
            for (long key = 0; key < RECORDS; key++) {
                ValueFiller.fill(key, value, 64);
                engine.put(key, value);
            }
        }
    }

    private Path cycleFile() throws IOException {
        try (Stream<Path> s = Files.list(log())) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".cq4")).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    /** Zeroes the Chronicle document header of key {@code key}'s record; returns its offset. */
    private long zeroHeaderOf(long key) throws IOException {
        byte[] value = new byte[64];
        ValueFiller.fill(key, value, 64);
        byte[] data = Files.readAllBytes(cycleFile());
        for (int at = 0; at + value.length <= data.length; at++) {
            if (Arrays.equals(data, at, at + value.length, value, 0, value.length)) {
                long header = at - 13 - 4; // op, key, length, then Chronicle's 4-byte header
                try (FileChannel ch = FileChannel.open(cycleFile(), StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.allocate(4), header);
                }
                return header;
            }
        }
        throw new AssertionError("record of key " + key + " not on disk");
    }

    @Test
    void checkSaysCleanAndExitsZeroForAHealthyLog() {
        writeLog();
        int code = console.run("storage", "check", log().toString());
        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains(RECORDS + " whole records").contains("clean");
    }

    @Test
    void checkListsEveryDamagedRegionAndExitsOneWithoutWriting() throws IOException {
        writeLog();
        long first = zeroHeaderOf(100);
        long second = zeroHeaderOf(300);
        byte[] before = Files.readAllBytes(cycleFile());

        int code = console.run("storage", "check", log().toString());

        assertThat(code).isEqualTo(Xk.EXPECTATION_FAILED);
        String name = cycleFile().getFileName().toString();
        assertThat(console.out()).contains("2 damaged regions")
                .contains(name + " offset " + first + ", 4 bytes").contains(name + " offset " + second + ", 4 bytes")
                .contains("will not open this log for writing").contains("xk storage repair " + log());
        assertThat(Files.readAllBytes(cycleFile())).as("check is read-only").isEqualTo(before);
    }

    @Test
    void repairCopiesEveryReadableRecordKeepsTheOriginalAndTheRunThenReadsThemAll() throws IOException {
        writeLog();
        zeroHeaderOf(200);

        int code = console.run("storage", "repair", log().toString());

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("repaired: " + RECORDS + " records copied").contains("kept in");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("store.damaged-"));
        }
        assertThat(console.run("storage", "check", log().toString())).isEqualTo(Xk.OK);
        assertThat(console.run("storage", "repair", log().toString())).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("nothing to repair");
    }

    @Test
    void aMissingDirectoryIsBadInput() {
        assertThat(console.run("storage", "check", dir.resolve("nope").toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("nope").contains("not a directory");
        assertThat(console.run("storage", "repair", dir.resolve("nope").toString())).isEqualTo(Xk.BAD_INPUT);
    }

    @Test
    void storageAppearsInTheHelpWithBothSubcommands() {
        assertThat(console.run("--help")).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("storage");
        assertThat(console.run("storage", "--help")).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("check").contains("repair");
    }

    @Test
    void aRunOnADamagedLogFailsTheBootWithOneMessageNamingTheFileAndTheRepair() throws IOException {
        writeLog();
        long at = zeroHeaderOf(123);
        Path scenario = scenario(log(), "get", 100, "64B");

        int code = console.run("run", scenario.toString(), "--quiet");

        assertThat(code).as(console.err()).isEqualTo(Xk.RUNTIME_FAILURE);
        assertThat(console.err()).contains("kernel 'store' (storage) failed to boot: the storage log in " + log()
                + " is damaged: " + cycleFile().getFileName() + " offset " + at)
                .contains("xk storage repair " + log()).doesNotContain("\tat ");
    }

    /**
     * A full disk under the storage log: one clear message naming the path and "no space left", exit 3, the report
     * printed, no stack trace; before the fix, 1 406 task errors and a drain timeout. On a real 4 MiB tmpfs (skipped
     * where mounting is not permitted).
     */
    @Test
    void aFullDiskStopsTheRunWithOneMessageNamingThePath() throws IOException {
        Optional<SmallFileSystem> mounted = SmallFileSystem.mount(dir.resolve("disk"), 4L << 20);
        Assumptions.assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root: full-disk run not tested here");
        try (SmallFileSystem disk = mounted.get()) {
            Path store = disk.root().resolve("store");
            Path scenario = scenario(store, "put", 4000, "4KiB");

            int code = console.run("run", scenario.toString(), "--quiet");

            String all = console.out() + console.err();
            assertThat(code).as(all).isEqualTo(Xk.RUNTIME_FAILURE);
            assertThat(console.out()).contains("Run FAILED: kernel 'store': no space left on device for the storage"
                    + " log " + store);
            assertThat(all).doesNotContain("\tat ").doesNotContain("InternalError").doesNotContain("task error");
        }
    }

    /** One storage kernel and a burst of {@code count} {@code op}s of {@code size} released at once. */
    private Path scenario(Path store, String op, int count, String size) throws IOException {
        String yaml = "name: store-test\nduration: 2s\nseed: 1\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 20s}\n"
                + "kernels:\n"
                + "  - name: store\n    type: storage\n    cores: [0]\n    idle: backoff\n"
                + "    settings: {dir: '" + store + "', keys: 100000, sync: batch, syncBatch: 64,"
                + " queueDepth: 8192, batch: 256, maxValue: 4KiB}\n"
                + "workload:\n"
                + "  - name: " + op + "s\n    burst: {at: 0ms, count: " + count + "}\n"
                + "    kernel: store\n    op: " + op + "\n    size: " + size + "\n";
        Path file = dir.resolve("store-test.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
