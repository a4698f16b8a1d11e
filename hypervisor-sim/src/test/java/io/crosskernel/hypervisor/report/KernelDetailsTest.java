package io.crosskernel.hypervisor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.metrics.LatencyRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class KernelDetailsTest {

    @Test
    void keepsStructuredFiguresInOrderAndSummarisesLatencyHistograms() {
        Histogram lateness = LatencyRecorder.newAccumulator();
        lateness.recordValue(1_000);
        lateness.recordValue(3_000);
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "control");
        task.put("released", 2);
        task.put("latenessNanos", lateness);
        task.put("wcrtNanos", null);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("policy", "edf");
        stats.put("utilisation", 0.25f);
        stats.put("schedulable", true);
        stats.put("udp", Map.of("port", 4000));
        stats.put("tasks", List.of(task));

        Map<String, Object> details = KernelDetails.of(stats);

        assertThat(details.keySet()).containsExactly("policy", "utilisation", "schedulable", "udp", "tasks");
        assertThat(details.get("utilisation")).isEqualTo(0.25d);
        assertThat(details.get("udp")).isEqualTo(Map.of("port", 4000L));
        @SuppressWarnings("unchecked")
        Map<String, Object> copied = ((List<Map<String, Object>>) details.get("tasks")).get(0);
        assertThat(copied.get("released")).isEqualTo(2L);
        assertThat(copied).containsEntry("wcrtNanos", null);
        LatencySummary summary = (LatencySummary) copied.get("latenessNanos");
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.min()).isEqualTo(1_000);
        assertThat(summary.max()).isBetween(3_000L, 3_002L);
        assertThat(KernelDetails.of(details)).as("already in report form: unchanged").isEqualTo(details);
    }

    @Test
    void theCopyIsUnmodifiableAtEveryLevelAndDetachedFromTheKernelsMaps() {
        List<Object> cpus = new ArrayList<>(List.of(1, 2));
        Map<String, Object> stats = new HashMap<>(Map.of("grantedCpus", cpus));

        Map<String, Object> details = KernelDetails.of(stats);
        cpus.add(3);

        assertThat(details.get("grantedCpus")).isEqualTo(List.of(1L, 2L));
        assertThatThrownBy(() -> details.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> copied = (List<Object>) details.get("grantedCpus");
        assertThatThrownBy(() -> copied.add(4L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesANameThatIsNotCamelCase() {
        assertThatThrownBy(() -> KernelDetails.of(Map.of("udp.port", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'udp.port'")
                .hasMessageContaining("camelCase");
        assertThatThrownBy(() -> KernelDetails.of(Map.of("tasks", List.of(Map.of("task control", 1)))))
                .hasMessageContaining("'tasks[0].task control'");
    }

    @Test
    void refusesAFigureJsonCannotCarryOrThatIsNotStructured() {
        assertThatThrownBy(() -> KernelDetails.of(Map.of("utilisation", Double.NaN)))
                .hasMessageContaining("'utilisation' is NaN");
        assertThatThrownBy(() -> KernelDetails.of(Map.of("cpus", new int[] {1})))
                .hasMessageContaining("'cpus' is a int[]");
        assertThatThrownBy(() -> KernelDetails.of(Map.of("started", Instant.EPOCH)))
                .hasMessageContaining("'started' is a Instant");
    }

    @Test
    void aLatencyHistogramMustNameItsUnit() {
        assertThatThrownBy(() -> KernelDetails.of(Map.of("lateness", LatencyRecorder.newAccumulator())))
                .hasMessageContaining("'lateness' is a latency histogram").hasMessageContaining("Nanos");
        Map<String, Object> ok = KernelDetails.of(Map.of("samplesNanos", List.of(LatencyRecorder.newAccumulator())));
        assertThat(ok.get("samplesNanos")).isEqualTo(List.of(LatencySummary.EMPTY));
    }
}
