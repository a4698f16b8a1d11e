package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.api.miss.MissLog;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.ExpectationEvaluator;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.MissCauses;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The host's attribution of recorded misses, with injected evidence, and one run end to end. */
@Timeout(60)
class MissAttributionTest {
    private static final long MS = 1_000_000;

    private static final Route TWO_KERNELS = new Route(0, "flow", "stream",
            List.of(new Stage(0, "a", 0, 1, 0), new Stage(1, "b", 0, 1, 0)), MS);

    @Test
    void eachRouteMissGetsTheCauseWhoseInjectedEvidenceOverlapsIt() {
        WorkerMetrics a = new WorkerMetrics(List.of(TWO_KERNELS), 0);
        WorkerMetrics b = new WorkerMetrics(List.of(TWO_KERNELS), 1);
        // Kernel a (the first stage) had a 1ms hiccup at 10ms; kernel b completed four of the five late requests
        // (the fifth was overwritten: unattributed). Each is 1ms late.
        a.hiccups.sample(10 * MS);
        a.hiccups.sample(11 * MS);
        b.misses.record(MissKind.ROUTE, 0, 1 * MS, 1 * MS, 3 * MS, 2 * MS, false); // 1ms late, 1.1ms GC: collector
        b.misses.record(MissKind.ROUTE, 0, 10 * MS, 10 * MS, 12 * MS, 11 * MS, true); // a's hiccup: platform
        b.misses.record(MissKind.ROUTE, 0, 20 * MS, 20 * MS, 22 * MS, 21 * MS, true); // overrun
        b.misses.record(MissKind.ROUTE, 0, 30 * MS, 30 * MS, 32 * MS, 31 * MS, false); // scheduling
        Intervals gc = Intervals.of(new long[] {1_500_000}, new long[] {2_600_000});

        MissAttribution attribution = MissAttribution.ofMetrics(List.of(new WorkerMetrics[] {a},
                new WorkerMetrics[] {b}), gc);

        assertThat(attribution.routeMisses(TWO_KERNELS, 5)).isEqualTo(new MissCauses(1, 1, 1, 1, 1));
        assertThat(attribution.hiccupSummary(0, 1_000 * MS).count()).isEqualTo(1);
        assertThat(attribution.hiccupSummary(0, 1_000 * MS).lostNanosPerSecond()).isEqualTo(MS);
        assertThat(attribution.hiccupSummary(1, 1_000 * MS).count()).isZero();
    }

    @Test
    void aTaskMissIsAttributedOnItsKernelAndNamedAfterItsTask() {
        WorkerMetrics rt = new WorkerMetrics(List.of(TWO_KERNELS), 0);
        rt.misses.nameTasks(List.of("control", "supervisor"));
        rt.misses.record(MissKind.TASK, 1, 5 * MS, 5 * MS, 7 * MS, 6 * MS, false);
        for (int i = 0; i < MissLog.CAPACITY; i++) { // overwrites every record above: counted, not attributed
            rt.misses.record(MissKind.ROUTE, 0, 0, 0, 0, 0, false);
        }
        rt.misses.record(MissKind.TASK, 1, 5 * MS, 5 * MS, 7 * MS, 6 * MS, false);
        List<WorkerMetrics[]> kernels = List.<WorkerMetrics[]>of(new WorkerMetrics[] {rt});
        MissAttribution attribution = MissAttribution.ofMetrics(kernels,
                Intervals.of(new long[] {5 * MS}, new long[] {7 * MS}));

        assertThat(attribution.taskMisses(0)).extracting(t -> t.task() + "=" + t.misses() + "/" + t.byCause()
                .collector() + "+" + t.byCause().unattributed()).containsExactly("control=0/0+0", "supervisor=2/1+1");
    }

    /**
     * A control loop that shares one general kernel (one core) with 2 ms batch jobs waits behind them: misses, which
     * the report attributes, every one of them, with scheduling among the causes (the run is real: hiccups of this
     * shared machine may claim some, so only the sum and the presence of scheduling are asserted).
     */
    @Test
    void aRunAttributesEveryMissAndTheExpectationsReadTheCauses() {
        String yaml = "name: mono\nduration: 400ms\nseed: 3\n"
                + "host: {oversubscribe: true, housekeeping: false, hiccupThreshold: 50us}\n"
                + "kernels:\n  - {name: mono, type: general, cores: [0], idle: backoff}\n"
                + "workload:\n"
                + "  - name: control\n    periodic: {period: 1ms, deadline: 1ms}\n    kernel: mono\n    cost: 50us\n"
                + "  - name: batch\n    stream: {rate: 300/s, arrival: poisson}\n    kernel: mono\n    cost: 2ms\n"
                + "expect:\n  - \"control.deadline_misses.scheduling > 0\"\n"
                + "  - \"deadline_misses.unattributed == 0\"\n  - \"mono.hiccups.max < 10s\"\n";
        KernelTypes types = KernelTypes.of(new GeneralKernelFactory());
        Scenario scenario = new ScenarioParser(types).parse(yaml, Path.of("mono.yaml"));
        RunReport report = new Hypervisor(types, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);

        WorkloadReport control = report.workloads().get(0);
        MissCauses causes = control.missesByCause();
        assertThat(control.deadlineMisses()).isPositive();
        assertThat(causes.collector() + causes.platform() + causes.overrun() + causes.scheduling())
                .isEqualTo(control.deadlineMisses());
        assertThat(causes.scheduling()).isPositive();
        KernelReport mono = report.kernels().get(0);
        assertThat(mono.hiccups().thresholdNanos()).isEqualTo(50_000);
        assertThat(mono.taskMisses()).isEmpty();
        List<ExpectationResult> results = ExpectationEvaluator.evaluate(report, scenario.expectations());
        assertThat(results).allMatch(ExpectationResult::passed, results.toString());
    }
}
