package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.scenario.MetricNames.Scope;
import io.crosskernel.hypervisor.scenario.MetricNames.Unit;
import org.junit.jupiter.api.Test;

class MetricNamesTest {
    @Test
    void vocabularyHasTheDocumentedNames() {
        assertThat(MetricNames.names(Scope.RUN)).containsExactly("deadline_misses",
                "deadline_misses.collector", "deadline_misses.platform", "deadline_misses.overrun",
                "deadline_misses.scheduling", "deadline_misses.unattributed", "rejected", "dropped", "failed",
                "errors", "stalls", "accounting.balanced");
        assertThat(MetricNames.names(Scope.KERNEL)).containsExactly("latency.p50", "latency.p90", "latency.p99",
                "latency.p999", "latency.max", "latency.mean", "lateness.p50", "lateness.p90", "lateness.p99",
                "lateness.p999", "lateness.max", "lateness.mean", "tasks_completed", "tasks_failed", "messages_in",
                "messages_out", "utilisation", "hiccups.count", "hiccups.p50", "hiccups.p99", "hiccups.max",
                "hiccups.lost");
        assertThat(MetricNames.names(Scope.WORKLOAD)).containsExactly("e2e.p50", "e2e.p90", "e2e.p99", "e2e.p999",
                "e2e.max", "e2e.mean", "lateness.p50", "lateness.p90", "lateness.p99", "lateness.p999",
                "lateness.max", "lateness.mean", "overruns", "completed", "failed", "dropped", "deadline_misses",
                "deadline_misses.collector", "deadline_misses.platform", "deadline_misses.overrun",
                "deadline_misses.scheduling", "deadline_misses.unattributed", "throughput");
        assertThat(MetricNames.names(Scope.SHARD_GROUP)).containsExactly("requests", "skew", "max_share", "keys",
                "bytes", "verify_mismatches", "reordered_writes", "reshard.keys_moved", "reshard.bytes_moved",
                "reshard.duration", "reshard.p99", "reshard.complete");
        assertThat(MetricNames.all()).hasSize(69);
    }

    @Test
    void unitsMatchWhatTheThresholdMeans() {
        assertThat(MetricNames.find(Scope.KERNEL, MetricNames.LATENCY_P99).unit()).isEqualTo(Unit.NANOS);
        assertThat(MetricNames.find(Scope.WORKLOAD, MetricNames.E2E_MAX).unit()).isEqualTo(Unit.NANOS);
        assertThat(MetricNames.find(Scope.KERNEL, MetricNames.UTILISATION).unit()).isEqualTo(Unit.FRACTION);
        assertThat(MetricNames.find(Scope.WORKLOAD, MetricNames.THROUGHPUT).unit()).isEqualTo(Unit.PER_SECOND);
        assertThat(MetricNames.find(Scope.RUN, MetricNames.ACCOUNTING_BALANCED).unit()).isEqualTo(Unit.BOOLEAN);
        assertThat(MetricNames.find(Scope.RUN, MetricNames.STALLS).unit()).isEqualTo(Unit.COUNT);
        assertThat(MetricNames.find(Scope.RUN, "latency.p99")).isNull();
    }

    @Test
    void serviceLoaderFindsNoDuplicateTypes() {
        KernelTypes loaded = KernelTypes.load();

        assertThat(new java.util.ArrayList<>(loaded.names())).isSorted();
        loaded.names().forEach(name -> assertThat(loaded.get(name).type()).isEqualTo(name));
        assertThat(loaded.get("no-such-type")).isNull();
    }
}
