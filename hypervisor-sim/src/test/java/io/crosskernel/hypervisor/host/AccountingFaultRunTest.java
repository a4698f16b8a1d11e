package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.channel.ChannelFaults;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The accounting can fail: a run whose channel loses or duplicates one message (a test-only fault between the sending
 * kernel's count and the ring) ends unbalanced, with a line naming the channel and the workload and their figures.
 */
@Timeout(60)
class AccountingFaultRunTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory());
    /** A two-stage pipeline a -> b: every request crosses channel a->b once. Short drain: a lost request never ends. */
    private static final String PIPELINE = "name: accounting\nduration: 200ms\nseed: 7\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 2s}\n"
            + "kernels:\n"
            + "  - {name: a, type: general, cores: [0], idle: backoff}\n"
            + "  - {name: b, type: general, cores: [1], idle: backoff}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 5k/s, arrival: constant}\n"
            + "    stages: [{kernel: a, cost: 1us}, {kernel: b, cost: 1us}]\n";

    private static RunReport run(ChannelInterposer fault) {
        Scenario scenario = new ScenarioParser(TYPES).parse(PIPELINE, Path.of("accounting.yaml"));
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE, null, fault).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
    }

    private static ChannelReport ab(RunReport report) {
        return report.channels().stream().filter(c -> c.from().equals("a") && c.to().equals("b")).findFirst()
                .orElseThrow();
    }

    @Test
    void aRunWithoutAFaultBalancesOnTheIndependentCounts() {
        RunReport report = run(ChannelInterposer.NONE);

        ChannelReport ab = ab(report);
        WorkloadReport orders = report.workloads().get(0);
        assertThat(report.failure()).isNull();
        assertThat(ab.sent()).isEqualTo(orders.generated()).isPositive();
        assertThat(ab.received()).isEqualTo(ab.sent());
        assertThat(ab.balanced()).isTrue();
        assertThat(orders.balanced()).isTrue();
        assertThat(report.accounting().balanced()).isTrue();
        assertThat(report.accounting().problems()).isEmpty();
    }

    @Test
    void aMessageLostInsideAChannelMakesTheRunUnbalanced() {
        RunReport report = run(ChannelFaults.loseOne("a->b", 10));

        ChannelReport ab = ab(report);
        WorkloadReport orders = report.workloads().get(0);
        assertThat(ab.balanced()).isFalse();
        assertThat(ab.sent()).isEqualTo(ab.received() + 1);
        // The channel's own figures, derived from its ring positions, cannot see the loss.
        assertThat(ab.offered()).isEqualTo(ab.delivered());
        assertThat(orders.inFlight()).isEqualTo(1);
        assertThat(orders.balanced()).isFalse();
        assertThat(report.accounting().balanced()).isFalse();
        assertThat(report.accounting().problems()).containsExactly(
                "channel a->b: sent " + ab.sent() + " != received " + ab.received()
                        + " + in flight 0 + rejected 0 (1 message lost inside the channel)",
                "workload orders: generated " + orders.generated() + " != completed " + orders.completed()
                        + " + failed 0 + dropped 0 (1 still in flight: the drain timed out (raise host.drainTimeout"
                        + " or lower the load))");
    }

    @Test
    void aMessageDuplicatedInsideAChannelMakesTheRunUnbalanced() {
        RunReport report = run(ChannelFaults.duplicateOne("a->b", 10));

        ChannelReport ab = ab(report);
        WorkloadReport orders = report.workloads().get(0);
        assertThat(ab.balanced()).isFalse();
        assertThat(ab.received()).isEqualTo(ab.sent() + 1);
        assertThat(ab.offered()).isEqualTo(ab.delivered());
        assertThat(orders.completed()).isEqualTo(orders.generated() + 1);
        assertThat(orders.inFlight()).isEqualTo(-1);
        assertThat(report.accounting().balanced()).isFalse();
        assertThat(report.accounting().problems()).containsExactly(
                "channel a->b: sent " + ab.sent() + " != received " + ab.received()
                        + " + in flight 0 + rejected 0 (1 message duplicated inside the channel)",
                "workload orders: generated " + orders.generated() + " != completed " + orders.completed()
                        + " + failed 0 + dropped 0 (1 more finished than were generated: a request was duplicated)");
    }
}
