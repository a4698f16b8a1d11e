package io.crosskernel.hypervisor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTopologyTest {

    @TempDir
    Path dir;

    @Test
    void usableCpusAreOnlineAndAllowed() {
        CpuTopology topology = new CpuTopology(List.of(0, 1, 2, 3), List.of(), List.of(1, 3, 5), 2);

        assertThat(topology.usableCpus()).containsExactly(1, 3);
        assertThat(topology.exists(1)).isTrue();
        assertThat(topology.exists(0)).as("online but not allowed").isFalse();
        assertThat(topology.exists(5)).as("allowed but not online").isFalse();
        assertThat(topology.exists(-1)).isFalse();
    }

    @Test
    void normalisesListsToSortedDistinct() {
        CpuTopology topology = new CpuTopology(List.of(3, 1, 1, 0), List.of(3, 3), List.of(1, 0), 4);

        assertThat(topology.onlineCpus()).containsExactly(0, 1, 3);
        assertThat(topology.isolatedCpus()).containsExactly(3);
        assertThat(topology.allowedCpus()).containsExactly(0, 1);
    }

    @Test
    void readsOnlineIsolatedAndAllowedFromFiles() throws IOException {
        Files.writeString(dir.resolve("online"), "0-7\n");
        Files.writeString(dir.resolve("isolated"), "4-7\n");
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nCpus_allowed:\t3f\nCpus_allowed_list:\t0-5\nMems_allowed:\t1\n");

        CpuTopology topology = CpuTopology.detect(dir, status, 6);

        assertThat(topology.onlineCpus()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(topology.isolatedCpus()).containsExactly(4, 5, 6, 7);
        assertThat(topology.allowedCpus()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(topology.usableCpus()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(topology.availableProcessors()).isEqualTo(6);
    }

    @Test
    void emptyIsolatedFileMeansNoIsolatedCpus() throws IOException {
        Files.writeString(dir.resolve("online"), "0-1\n");
        Files.writeString(dir.resolve("isolated"), "\n");

        CpuTopology topology = CpuTopology.detect(dir, dir.resolve("status"), 2);

        assertThat(topology.isolatedCpus()).isEmpty();
    }

    @Test
    void fallsBackToAvailableProcessorsWhenFilesAreMissing() {
        CpuTopology topology = CpuTopology.detect(dir.resolve("absent"), dir.resolve("absent-status"), 3);

        assertThat(topology.onlineCpus()).containsExactly(0, 1, 2);
        assertThat(topology.allowedCpus()).containsExactly(0, 1, 2);
        assertThat(topology.isolatedCpus()).isEmpty();
        assertThat(topology.usableCpus()).containsExactly(0, 1, 2);
    }

    @Test
    void fallsBackWhenFilesAreMalformed() throws IOException {
        Files.writeString(dir.resolve("online"), "garbage\n");
        Path status = dir.resolve("status");
        Files.writeString(status, "Cpus_allowed_list:\tnope\n");

        CpuTopology topology = CpuTopology.detect(dir, status, 2);

        assertThat(topology.onlineCpus()).containsExactly(0, 1);
        assertThat(topology.allowedCpus()).containsExactly(0, 1);
    }

    @Test
    void rendersWhatCanBePinned() {
        String text = new CpuTopology(List.of(0, 1, 2, 3), List.of(2, 3), List.of(0, 1, 2, 3), 4).render();

        assertThat(text).containsPattern("online CPUs:\\s+0-3 \\(4 CPUs\\)")
                .containsPattern("isolated \\(isolcpus\\):\\s+2-3 \\(2 CPUs\\)")
                .containsPattern("allowed for this process:\\s+0-3")
                .containsPattern("can pin kernels to:\\s+0-3 \\(4 CPUs\\)")
                .contains("3 cores for kernels, one kept for the host")
                .containsPattern("quietest cores:\\s+2-3");
    }

    @Test
    void renderSaysWhenNothingIsIsolated() {
        String text = new CpuTopology(List.of(0, 1), List.of(), List.of(0, 1), 2).render();

        assertThat(text).contains("none: kernels will share their cores with the OS")
                .contains("1 core for kernels").doesNotContain("quietest");
    }

    @Test
    void detectsThisMachine() throws IOException {
        CpuTopology topology = CpuTopology.detect();

        assertThat(topology.usableCpus()).isNotEmpty();
        assertThat(topology.availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            String allowed = Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .findFirst().orElseThrow().substring("Cpus_allowed_list:".length());
            assertThat(topology.allowedCpus()).isEqualTo(CpuList.parse(allowed));
        }
    }
}
