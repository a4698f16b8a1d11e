package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.report.RouteSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The host samples every kernel while a real run goes on, and its final sample agrees with the report. */
@Timeout(60)
class MetricsSamplingRunTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory());

    private static final String SCENARIO = "name: sampled\nduration: 1s\nwarmup: 300ms\nseed: 3\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 5s}\n"
            + "kernels:\n"
            + "  - {name: a, type: general, cores: [0], idle: backoff}\n"
            + "  - {name: b, type: general, cores: [1], idle: backoff}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 20k/s, arrival: poisson}\n"
            + "    stages: [{kernel: a, cost: 1us}, {kernel: b, cost: 2us}]\n";

    /** Collects what the host hands out; called on the host thread only. */
    private static class Collector implements RunListener {
        final List<MetricsSample> samples = new ArrayList<>();
        RunRecordings recordings;

        @Override
        public void onSample(MetricsSample sample) {
            samples.add(sample);
        }

        @Override
        public void onRecordings(RunRecordings recordings) {
            this.recordings = recordings;
        }
    }

    @Test
    void withoutAListenerOfCumulativeLatencyOnlyTheFinalSampleSummarisesIt() {
        Scenario scenario = new ScenarioParser(TYPES).parse(SCENARIO, Path.of("sampled.yaml"));
        Collector collector = new Collector() {
            @Override
            public boolean readsCumulativeLatency() {
                return false;
            }
        };
        RunReport report = new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), collector);

        List<MetricsSample> samples = collector.samples;
        MetricsSample last = samples.get(samples.size() - 1);
        assertThat(last.phase()).isEqualTo(Phase.FINISHED);
        WorkloadReport orders = report.workloads().get(0);
        assertThat(last.routes().get(0).endToEnd()).isEqualTo(orders.e2eNanos());
        assertThat(last.routes().get(0).stages()).isEqualTo(orders.stageLatencies());
        // Before it, measuring samples carry the summaries of the warm-up's end (nothing since), while the interval
        // figures and the counters move.
        List<MetricsSample> measuring = samples.stream().filter(s -> s.phase() == Phase.MEASURING).toList();
        assertThat(measuring).isNotEmpty().allSatisfy(s -> {
            assertThat(s.routes().get(0).endToEnd().count()).isZero();
            assertThat(s.kernels()).allSatisfy(k -> assertThat(k.latency().count()).isZero());
        });
        assertThat(measuring.get(measuring.size() - 1).routes().get(0).completed()).isPositive();
        assertThat(last.kernels()).allSatisfy(k -> assertThat(k.latency().count()).isPositive());
    }

    @Test
    void samplesTheRunInPhaseOrderAndEndsWithTheReportsFigures() {
        Scenario scenario = new ScenarioParser(TYPES).parse(SCENARIO, Path.of("sampled.yaml"));
        Collector collector = new Collector();
        RunReport report = new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), collector);

        List<MetricsSample> samples = collector.samples;
        // 1.3 s at a quarter-second period, plus the final one: a slow machine may skip ticks, never add them.
        assertThat(samples.size()).isBetween(3, 7);
        MetricsSample last = samples.get(samples.size() - 1);
        assertThat(last.phase()).isEqualTo(Phase.FINISHED);
        List<Phase> phases = samples.stream().map(MetricsSample::phase).toList();
        assertThat(phases).isSortedAccordingTo(Enum::compareTo).contains(Phase.WARMUP, Phase.MEASURING);
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i).elapsedNanos()).isGreaterThanOrEqualTo(samples.get(i - 1).elapsedNanos());
            assertThat(samples.get(i).routes().get(0).generated())
                    .isGreaterThanOrEqualTo(samples.get(i - 1).routes().get(0).generated());
        }
        // Generated is read after the finishing counters, so no sample can show more finished than released.
        assertThat(samples).allSatisfy(s -> assertThat(s.routes().get(0).inFlight()).isNotNegative());

        WorkloadReport orders = report.workloads().get(0);
        RouteSample finalOrders = last.routes().get(0);
        assertThat(finalOrders.name()).isEqualTo("orders");
        assertThat(finalOrders.generated()).isEqualTo(orders.generated()).isPositive();
        assertThat(finalOrders.completed()).isEqualTo(orders.completed());
        assertThat(finalOrders.inFlight()).isZero();
        assertThat(finalOrders.endToEnd()).isEqualTo(orders.e2eNanos());
        // Per pipeline stage: the same figures as the report's, for both stages, in route order.
        assertThat(finalOrders.stages()).isEqualTo(orders.stageLatencies());
        assertThat(finalOrders.stages()).extracting(StageReport::kernel).containsExactly("a", "b");
        assertThat(finalOrders.stages()).allSatisfy(stage -> assertThat(stage.latencyNanos().count()).isPositive());
        MetricsSample measuring = samples.stream().filter(s -> s.phase() == Phase.MEASURING).reduce((x, y) -> y)
                .orElseThrow();
        assertThat(measuring.routes().get(0).stages().get(1).latencyNanos().count())
                .isPositive().isLessThanOrEqualTo(finalOrders.stages().get(1).latencyNanos().count());
        for (KernelReport kernel : report.kernels()) {
            KernelSample sampled = last.kernels().stream().filter(k -> k.name().equals(kernel.name())).findFirst()
                    .orElseThrow();
            assertThat(sampled.tasksCompleted()).isEqualTo(kernel.tasksCompleted());
            assertThat(sampled.messagesIn()).isEqualTo(kernel.messagesIn());
            assertThat(sampled.messagesOut()).isEqualTo(kernel.messagesOut());
            assertThat(sampled.latency()).isEqualTo(kernel.latencyNanos());
            assertThat(sampled.busyNanos()).isPositive();
        }
        assertThat(last.channelDepth()).isZero();

        RunRecordings recordings = collector.recordings;
        assertThat(recordings.timeline()).isEqualTo(samples);
        assertThat(recordings.kernelLatency().keySet()).containsExactly("a", "b");
        assertThat(recordings.routeEndToEnd().get("orders").getTotalCount()).isEqualTo(orders.e2eNanos().count());
        assertThat(recordings.kernelLateness()).containsOnlyKeys("a");
        // Only what came after the warm-up: the requests completed by the last warm-up sample (taken before the
        // discard) are not among the latencies. (Not "fewer than completed": on a loaded machine the workers may not
        // complete a request before the warm-up ends, and the two are then equal.)
        long completedInWarmup = samples.stream().filter(s -> s.phase() == Phase.WARMUP)
                .mapToLong(s -> s.routes().get(0).completed()).max().orElse(0);
        assertThat(orders.e2eNanos().count()).isLessThanOrEqualTo(orders.completed() - completedInWarmup);
    }

    @Test
    void samplePeriodGivesLongRunsAboutFourHundredPointsWithinAQuarterSecondToASecond() {
        assertThat(RunSupervisor.sampleInterval(TimeUnit.SECONDS.toNanos(2)))
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(RunSupervisor.sampleInterval(TimeUnit.SECONDS.toNanos(200)))
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(RunSupervisor.sampleInterval(TimeUnit.HOURS.toNanos(1))).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }
}
