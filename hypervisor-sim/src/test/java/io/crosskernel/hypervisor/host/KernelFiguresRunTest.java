package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the host does with a kernel's {@code stats()}: the report keeps them structured, or says why it cannot. */
@Timeout(60)
class KernelFiguresRunTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(),
            new FiguresKernelFactory("structured", () -> {
                Histogram waits = LatencyRecorder.newAccumulator();
                waits.recordValue(2_000);
                return Map.of("queues", List.of(Map.of("name", "q0", "depth", 3, "waitNanos", waits)));
            }),
            new FiguresKernelFactory("sentences", () -> Map.of("task control", "released 5, misses 0")));

    private static RunReport run(String type) {
        String yaml = "name: figures\nduration: 50ms\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n  - {name: k, type: " + type + ", cores: [0], idle: backoff}\n"
                + "  - {name: g, type: general, cores: [0], idle: backoff}\n"
                + "workload:\n  - {name: w, stream: {rate: 1k/s}, kernel: g, cost: 1us}\n";
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("figures.yaml"));
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
    }

    @Test
    void structuredFiguresReachTheReportWithLatencyHistogramsSummarised() {
        RunReport report = run("structured");

        KernelReport kernel = report.kernels().get(0);
        assertThat(kernel.name()).isEqualTo("k");
        @SuppressWarnings("unchecked")
        Map<String, Object> queue = ((List<Map<String, Object>>) kernel.details().get("queues")).get(0);
        assertThat(queue).containsEntry("name", "q0").containsEntry("depth", 3L);
        assertThat(((LatencySummary) queue.get("waitNanos")).count()).isEqualTo(1);
        assertThat(report.warnings()).noneMatch(w -> w.contains("figures"));
    }

    @Test
    void figuresThatBreakTheContractAreLeftOutWithAWarningNamingThem() {
        RunReport report = run("sentences");

        assertThat(report.kernels().get(0).details()).isEmpty();
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                .contains("kernel 'k' could not report its figures").contains("'task control'"));
        assertThat(report.failure()).isNull();
    }

    /** A kernel type that idles and reports the figures it is given. */
    private static final class FiguresKernelFactory extends TestKernelType {
        private final Supplier<Map<String, Object>> figures;

        FiguresKernelFactory(String type, Supplier<Map<String, Object>> figures) {
            super(type, "test kernel reporting " + type + " figures");
            this.figures = figures;
        }

        @Override
        public Kernel create(KernelSpec spec) {
            return new Kernel() {
                @Override
                public void onBoot(KernelContext context) {
                }

                @Override
                public int doWork(int worker) {
                    return 0;
                }

                @Override
                public Map<String, Object> stats() {
                    return figures.get();
                }
            };
        }
    }
}
