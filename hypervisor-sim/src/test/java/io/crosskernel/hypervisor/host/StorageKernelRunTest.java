package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import io.crosskernel.kernels.storage.LogConfig;
import io.crosskernel.kernels.storage.StorageEngine;
import io.crosskernel.kernels.storage.StorageKernelFactory;
import io.crosskernel.kernels.common.data.ValueFiller;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage kernel under the real host: 100 000 records put in one run survive into a new run on the same
 * directory, every one read back with its checksum verified; a record damaged on disk between runs is reported at
 * boot and its get is counted failed instead of being served.
 */
@Timeout(60)
class StorageKernelRunTest {
    private static final int RECORDS = 100_000;
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(), new StorageKernelFactory());

    @TempDir
    Path dir;

    /**
     * One run of a burst of {@value #RECORDS} requests of {@code op}. The job pool holds the whole burst and one duty
     * cycle may release all of it, so every request is generated in the first milliseconds whatever the machine's
     * load; the host's drain phase then waits (up to 20 s) for the kernel to work through them.
     */
    private RunReport run(String op) {
        String yaml = "name: storage-test\nduration: 200ms\nseed: 1\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 20s}\n"
                + "kernels:\n"
                + "  - name: store\n    type: storage\n    cores: [0]\n    idle: backoff\n"
                + "    settings: {dir: '" + dir + "', keys: " + RECORDS + ", sync: batch, syncBatch: 4096,"
                + " queueDepth: 131072, batch: 65536}\n"
                + "workload:\n"
                + "  - name: " + op + "s\n    burst: {at: 0ms, count: " + RECORDS + "}\n"
                + "    kernel: store\n    op: " + op + "\n    size: 64B\n";
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("storage-test.yaml"));
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
    }

    private static WorkloadReport workload(RunReport report) {
        return report.workloads().get(0);
    }

    private static KernelReport store(RunReport report) {
        return report.kernels().stream().filter(k -> k.name().equals("store")).findFirst().orElseThrow();
    }

    private static long stat(RunReport report, String key) {
        return ((Number) store(report).details().get(key)).longValue();
    }

    /** What the storage kernel's recovery found at boot, from its report details. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> recovery(RunReport report) {
        return (Map<String, Object>) store(report).details().get("recovery");
    }

    @Test
    void recordsSurviveANewRunAndDamageIsReportedNotServed() throws IOException {
        RunReport puts = run("put");
        assertThat(puts.failure()).isNull();
        assertThat(workload(puts).completed()).isEqualTo(RECORDS);
        assertThat(stat(puts, "puts")).isEqualTo(RECORDS);
        assertThat(recovery(puts)).containsEntry("recordsScanned", 0L);
        assertThat(store(puts).details()).containsEntry("sync", "batch")
                .containsEntry("dir", dir.toAbsolutePath().normalize().toString());
        assertThat(stat(puts, "writtenBytes")).as("each record: 64 bytes and 17 of overhead")
                .isEqualTo(RECORDS * (64L + 17));
        assertThat(puts.accounting().balanced()).isTrue();

        RunReport gets = run("get");
        assertThat(gets.failure()).isNull();
        assertThat(gets.announcements()).anySatisfy(a -> assertThat(a)
                .contains("recovered " + RECORDS + " records from " + dir.toAbsolutePath() + " (0 corrupt)"));
        assertThat(workload(gets).completed()).isEqualTo(RECORDS);
        assertThat(workload(gets).failed()).isZero();
        assertThat(stat(gets, "gets")).isEqualTo(RECORDS);
        assertThat(stat(gets, "hits")).as("every key 0..99999 found, CRC and contents verified").isEqualTo(RECORDS);
        assertThat(stat(gets, "misses")).isZero();
        assertThat(stat(gets, "corruptRecords")).isZero();
        assertThat(recovery(gets)).containsEntry("recordsScanned", (long) RECORDS).containsEntry("liveKeys",
                (long) RECORDS);
        assertThat(stat(gets, "corruptReads")).isZero();

        long damagedKey = 31_337;
        byte[] value = new byte[64];
        ValueFiller.fill(damagedKey, value, 64);
        flipBitInside(value);

        RunReport afterDamage = run("get");
        assertThat(afterDamage.failure()).isNull();
        assertThat(afterDamage.announcements()).anySatisfy(a -> assertThat(a)
                .contains("recovered " + RECORDS + " records").contains("(1 corrupt)"));
        assertThat(recovery(afterDamage)).containsEntry("corruptRecords", 1L).containsEntry("corruptKeys", 1L);
        assertThat(stat(afterDamage, "hits")).isEqualTo(RECORDS - 1);
        assertThat(stat(afterDamage, "corruptReads")).isEqualTo(1);
        assertThat(workload(afterDamage).failed()).isEqualTo(1);
        assertThat(workload(afterDamage).completed()).isEqualTo(RECORDS - 1);
        assertThat(afterDamage.taskErrors()).isEqualTo(1);
        assertThat(afterDamage.errorSamples()).anySatisfy(s -> assertThat(s).contains("key " + damagedKey)
                .contains("corrupt"));
        assertThat(afterDamage.accounting().balanced()).isTrue();
    }

    /**
     * Issue 15: a log whose framing Chronicle would misread (here a zeroed document header in the middle) fails the
     * kernel's boot, and the host's message names the file, the offset and the repair; nothing runs.
     */
    @Test
    void aLogWithADamagedHeaderFailsTheBootNamingTheFileAndTheRepair() throws IOException {
        byte[] value = new byte[64];
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            for (long key = 0; key < 1000; key++) {
                ValueFiller.fill(key, value, 64);
                engine.put(key, value);
            }
        }
        ValueFiller.fill(500, value, 64);
        long valueAt = offsetOf(value);
        long headerAt = valueAt - 13 - 4; // the record's op, key and length, then Chronicle's 4-byte header
        try (FileChannel ch = FileChannel.open(cycleFile(), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4), headerAt);
        }

        assertThatThrownBy(() -> run("get"))
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("kernel 'store' (storage) failed to boot: the storage log in "
                        + dir.toAbsolutePath() + " is damaged: " + cycleFile().getFileName() + " offset " + headerAt)
                .hasMessageContaining("xk storage repair " + dir.toAbsolutePath());
    }

    private Path cycleFile() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".cq4")).collect(Collectors.toList());
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    /** Offset of the only stored copy of {@code pattern} in the log's cycle file. */
    private long offsetOf(byte[] pattern) throws IOException {
        byte[] data = Files.readAllBytes(cycleFile());
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not on disk");
    }

    /** Flips one bit in the middle of the only stored copy of {@code pattern} (as the engine's own tests do). */
    private void flipBitInside(byte[] pattern) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".cq4")).collect(Collectors.toList());
        }
        assertThat(files).hasSize(1);
        try (FileChannel ch = FileChannel.open(files.get(0), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long span = Math.min(ch.size(), 256L << 20);
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, span);
            int found = -1;
            for (int i = 0; i + pattern.length <= span && found < 0; i++) {
                int j = 0;
                while (j < pattern.length && map.get(i + j) == pattern[j]) {
                    j++;
                }
                if (j == pattern.length) {
                    found = i;
                }
            }
            assertThat(found).as("value present on disk").isNotNegative();
            int at = found + pattern.length / 2;
            map.put(at, (byte) (map.get(at) ^ 0x10));
            map.force();
        }
    }
}
