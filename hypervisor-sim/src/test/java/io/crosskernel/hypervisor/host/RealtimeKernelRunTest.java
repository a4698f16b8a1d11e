package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import io.crosskernel.kernels.realtime.RealtimeKernelFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The realtime kernel under the real host: admission through the scenario parser, real threads, channels and clock.
 * Timing (lateness bounds, zero misses) is not asserted: the machine is shared; counts and accounting are.
 */
@Timeout(60)
class RealtimeKernelRunTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(), new RealtimeKernelFactory());

    private static String scenario(String rtSettings, String workload) {
        return "name: rt-test\nduration: 300ms\nseed: 7\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 5s}\n"
                + "kernels:\n"
                + "  - {name: gp, type: general, cores: [0], idle: backoff}\n"
                + "  - name: rt\n    type: realtime\n    cores: [1]\n    idle: busy-spin\n"
                + (rtSettings.isEmpty() ? "" : "    settings: " + rtSettings + "\n")
                + "workload:\n" + workload;
    }

    private static Scenario parse(String yaml) {
        return new ScenarioParser(TYPES).parse(yaml, Path.of("rt.yaml"));
    }

    private static RunReport run(String yaml) {
        Scenario scenario = parse(yaml);
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
    }

    private static WorkloadReport workload(RunReport report, String name) {
        return report.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** The figures of the realtime task called {@code name}, from the kernel's report details. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> task(KernelReport kernel, String name) {
        return ((List<Map<String, Object>>) kernel.details().get("tasks")).stream()
                .filter(t -> t.get("name").equals(name)).findFirst().orElseThrow();
    }

    private static KernelReport kernel(RunReport report, String name) {
        return report.kernels().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void runsAPeriodicControlLoopBesideAGeneralKernelAndCompletesEveryRelease() {
        RunReport report = run(scenario("", ""
                + "  - name: control\n    periodic: {period: 1ms}\n    kernel: rt\n    cost: 50us\n"
                + "  - name: background\n    stream: {rate: 5k/s, arrival: poisson}\n    kernel: gp\n"
                + "    cost: 20us\n"));

        assertThat(report.failure()).isNull();
        WorkloadReport control = workload(report, "control");
        // 300 ms at 1 ms: about 300 releases, fewer only if the run started late; never none.
        assertThat(control.generated()).isGreaterThan(20);
        assertThat(control.completed()).isEqualTo(control.generated());
        assertThat(control.failed() + control.dropped() + control.inFlight()).isZero();
        assertThat(control.latenessNanos().count()).isEqualTo(control.generated());
        assertThat(workload(report, "background").completed()).isEqualTo(workload(report, "background").generated());
        KernelReport rt = kernel(report, "rt");
        assertThat(rt.tasksCompleted()).isEqualTo(control.completed());
        assertThat(rt.details()).containsEntry("policy", "edf").containsEntry("schedulable", true)
                .containsKeys("preemption", "utilisation", "admission");
        Map<String, Object> task = task(rt, "control");
        assertThat(task).containsEntry("workload", "control").containsEntry("stage", 0L)
                .containsEntry("released", control.generated()).containsEntry("completed", control.generated())
                .containsEntry("periodNanos", 1_000_000L).containsEntry("costNanos", 50_000L);
        LatencySummary lateness = (LatencySummary) task.get("latenessNanos");
        assertThat(lateness.count()).isEqualTo(control.generated());
        assertThat(lateness.max()).isGreaterThanOrEqualTo(lateness.p99()).isGreaterThanOrEqualTo(lateness.min());
        assertThat(((LatencySummary) task.get("responseNanos")).count()).isEqualTo(control.completed());
        assertThat(report.accounting().balanced()).isTrue();
        assertThat(report.accounting().drained()).isTrue();
    }

    @Test
    void aPipelineThroughTheRealtimeKernelCompletesEveryRequest() {
        RunReport report = run(scenario("{policy: dm, sporadic: \"relay=100us\"}", ""
                + "  - name: relay\n    stream: {rate: 2k/s, arrival: constant}\n"
                + "    stages: [{kernel: gp, cost: 2us}, {kernel: rt, cost: 20us}, {kernel: gp, cost: 2us}]\n"
                + "    deadline: 5ms\n"
                + "  - name: tick\n    periodic: {period: 2ms}\n    kernel: rt\n    cost: 30us\n"));

        assertThat(report.failure()).isNull();
        WorkloadReport relay = workload(report, "relay");
        assertThat(relay.generated()).isGreaterThan(20);
        assertThat(relay.completed()).isEqualTo(relay.generated());
        assertThat(relay.failed() + relay.dropped() + relay.inFlight()).isZero();
        KernelReport rt = kernel(report, "rt");
        assertThat(rt.messagesIn()).isEqualTo(relay.generated());
        assertThat(rt.messagesOut()).isEqualTo(relay.generated());
        assertThat(workload(report, "tick").completed()).isEqualTo(workload(report, "tick").generated());
        assertThat(rt.details()).containsEntry("policy", "dm");
        assertThat(task(rt, "relay")).containsEntry("stage", 1L).containsEntry("sporadic", true)
                .containsEntry("periodNanos", 100_000L).containsEntry("deadlineNanos", 5_000_000L);
        assertThat((Long) task(rt, "relay").get("wcrtNanos")).as("fixed priority bounds each task").isPositive();
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void anUnschedulableTaskSetIsRefusedAtTheKernelWithTheAnalysisFigures() {
        String yaml = scenario("{policy: rm}", ""
                + "  - name: fast\n    periodic: {period: 1ms}\n    kernel: rt\n    cost: 300us\n"
                + "  - name: slow\n    periodic: {period: 2ms}\n    kernel: rt\n    cost: 900us\n");

        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ScenarioException.class)
                // At the stage to change: the failing task 'fast', whose single stage is its 'kernel: rt' line.
                .satisfies(e -> assertThat(((ScenarioException) e).pos().line()).as("the stage of 'fast'")
                        .isEqualTo(15))
                .hasMessageContaining("kernel 'rt' (realtime) cannot admit its workload")
                .hasMessageContaining("utilisation 0.750")
                .hasMessageContaining("'fast'")
                .hasMessageContaining("worst-case response time 1.2ms > deadline 1ms");
    }

    @Test
    void aRealtimeKernelWithTwoCoresIsRefusedWhenTheScenarioIsRead() {
        String yaml = scenario("", "  - name: control\n    periodic: {period: 1ms}\n    kernel: rt\n    cost: 50us\n")
                .replace("cores: [1]", "cores: [0, 1]");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("give the realtime kernel exactly one core");
    }
}
