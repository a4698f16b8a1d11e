package io.crosskernel.hypervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.miss.Miss;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.report.WorkerEvidence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a kernel process hands its host at its end arrives as it was written, and nothing else does. */
class KernelResultsTest {
    private static final long MS = 1_000_000;
    private static final Route ROUTE = new Route(0, "control", "periodic", List.of(new Stage(0, "rt", 0, 1, 0)), MS);

    @TempDir
    Path dir;

    @Test
    void carriesTheKernelsDetailsAndEachWorkersHiccupsAndMisses() throws IOException {
        WorkerMetrics worker = new WorkerMetrics(List.of(ROUTE), 0);
        worker.hiccups.threshold(5_000);
        worker.hiccups.sample(10 * MS);
        worker.hiccups.sample(12 * MS); // a 2 ms hiccup
        worker.misses.nameTasks(List.of("control"));
        worker.misses.record(MissKind.TASK, 0, 9 * MS, 11 * MS, 13 * MS, 10 * MS, true);
        Histogram lateness = new Histogram(3);
        lateness.recordValue(42_000);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("policy", "edf");
        details.put("tasks", List.of(Map.of("name", "control", "released", 7L, "latenessNanos", lateness)));

        Path file = dir.resolve(KernelResults.fileName("rt"));
        KernelResults.write(file, details, new WorkerMetrics[] {worker});
        KernelResults.Results read = KernelResults.read(file, 1);

        assertThat(read.details()).containsEntry("policy", "edf");
        @SuppressWarnings("unchecked")
        Map<String, Object> task = ((List<Map<String, Object>>) read.details().get("tasks")).get(0);
        assertThat(task).containsEntry("released", 7L);
        assertThat(((Histogram) task.get("latenessNanos")).getMaxValue()).isEqualTo(lateness.getMaxValue());
        WorkerEvidence evidence = read.workers().get(0);
        assertThat(evidence.hiccups().size()).isEqualTo(1);
        assertThat(evidence.hiccups().start(0)).isEqualTo(10 * MS);
        assertThat(evidence.hiccups().end(0)).isEqualTo(12 * MS);
        assertThat(evidence.hiccupLengths().getTotalCount()).isEqualTo(1);
        assertThat(evidence.hiccupLostNanos()).isEqualTo(2 * MS);
        assertThat(evidence.hiccupThresholdNanos()).isEqualTo(5_000);
        assertThat(evidence.taskNames()).containsExactly("control");
        assertThat(evidence.taskMisses()).containsExactly(1);
        assertThat(evidence.misses()).containsExactly(new Miss(MissKind.TASK, 0, 9 * MS, 11 * MS, 13 * MS, 10 * MS,
                true, 9 * MS));
    }

    @Test
    void refusesDetailsThatHoldWhatAKernelsFiguresMayNot() throws IOException {
        Path file = dir.resolve(KernelResults.fileName("rt"));
        KernelResults.write(file, Map.of("where", dir.toFile()), new WorkerMetrics[0]);

        assertThatThrownBy(() -> KernelResults.read(file, 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("its kernel details hold what a kernel's figures may not");
    }

    @Test
    void refusesAFileOfAnotherKernelShape() throws IOException {
        Path file = dir.resolve(KernelResults.fileName("rt"));
        KernelResults.write(file, Map.of(), new WorkerMetrics[] {new WorkerMetrics(List.of(ROUTE), 0)});

        assertThatThrownBy(() -> KernelResults.read(file, 2)).isInstanceOf(IOException.class)
                .hasMessageContaining("another number of workers than 2");
    }
}
