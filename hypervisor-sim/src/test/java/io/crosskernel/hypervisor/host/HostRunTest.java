package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End-to-end runs of the host with real general kernels, real channels and real threads. */
@Timeout(60)
class HostRunTest {
    private static final AtomicInteger SHUTDOWNS = new AtomicInteger();
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(),
            // a kernel whose duty cycle always throws: the host must contain it
            new TestKernelFactory("throwing", context -> { }, worker -> {
                throw new IllegalStateException("broken kernel");
            }, () -> { }),
            new TestKernelFactory("shutdown-recording", context -> { }, worker -> 0, SHUTDOWNS::incrementAndGet),
            new TestKernelFactory("failing-boot", context -> {
                throw new IllegalStateException("no such device");
            }, worker -> 0, () -> { }));

    /**
     * Two general kernels on cores 0 and 1 (oversubscribed, so the test runs on any machine). The drain may take up to
     * 30 s: a run drains as soon as it can, but on a loaded machine a kernel that shares its core with another
     * process gets a time slice every few milliseconds, and a tiny retry channel then moves a couple of messages per
     * slice.
     */
    private static String twoKernels(String channels, String workload, String extraHost) {
        return "name: test\nduration: 300ms\nseed: 7\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 30s" + extraHost + "}\n"
                + "kernels:\n"
                + "  - {name: a, type: general, cores: [0], idle: backoff}\n"
                + "  - {name: b, type: general, cores: [1], idle: backoff}\n"
                + channels
                + "workload:\n" + workload;
    }

    private static RunReport run(String yaml) {
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("test.yaml"));
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
    }

    private static WorkloadReport workload(RunReport report, String name) {
        return report.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private static KernelReport kernel(RunReport report, String name) {
        return report.kernels().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    private static ChannelReport channel(RunReport report, String from, String to) {
        return report.channels().stream().filter(c -> c.from().equals(from) && c.to().equals(to)).findFirst()
                .orElseThrow();
    }

    @Test
    void deliversEveryRequestOfAPipelineAcrossTwoKernels() {
        RunReport report = run(twoKernels("",
                "  - name: orders\n    stream: {rate: 20k/s, arrival: poisson}\n"
                        + "    stages: [{kernel: a, cost: 1us}, {kernel: b, cost: 2us}]\n", ""));

        WorkloadReport orders = workload(report, "orders");
        assertThat(report.failure()).isNull();
        assertThat(orders.generated()).isGreaterThan(100); // 6000 expected; a starved machine releases fewer
        assertThat(orders.completed()).isEqualTo(orders.generated());
        assertThat(orders.inFlight()).isZero();
        ChannelReport ab = channel(report, "a", "b");
        assertThat(ab.offered()).isEqualTo(orders.generated());
        assertThat(ab.delivered()).isEqualTo(ab.offered());
        assertThat(kernel(report, "a").messagesOut()).isEqualTo(ab.delivered());
        assertThat(kernel(report, "b").messagesIn()).isEqualTo(ab.delivered());
        assertThat(kernel(report, "b").latencyNanos().count()).isPositive();
        assertThat(report.accounting().balanced()).isTrue();
        assertThat(report.accounting().drained()).isTrue();
    }

    @Test
    void aTaskThatThrowsDoesNotStopOtherKernels() {
        RunReport report = run(twoKernels("",
                "  - name: flaky\n    stream: {rate: 5k/s, arrival: constant}\n"
                        + "    kernel: a\n    cost: 1us\n    failEvery: 10\n"
                        + "  - name: steady\n    periodic: {period: 1ms}\n    kernel: b\n    cost: 10us\n", ""));

        WorkloadReport flaky = workload(report, "flaky");
        WorkloadReport steady = workload(report, "steady");
        assertThat(report.failure()).isNull();
        assertThat(flaky.failed()).isPositive();
        assertThat(flaky.completed() + flaky.failed()).isEqualTo(flaky.generated());
        assertThat(report.taskErrors()).isEqualTo(flaky.failed());
        assertThat(report.errorSamples()).isNotEmpty();
        assertThat(steady.completed()).isEqualTo(steady.generated()).isGreaterThan(20);
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void onErrorStopEndsTheRunEarlyWithTheReason() {
        RunReport report = run(twoKernels("",
                "  - name: flaky\n    stream: {rate: 5k/s, arrival: constant}\n"
                        + "    kernel: a\n    cost: 1us\n    failEvery: 10\n", ", onError: stop"));

        assertThat(report.failure()).contains("onError: stop");
        assertThat(workload(report, "flaky").failed()).isPositive();
    }

    @Test
    void aFullFailChannelStopsTheRunNamingTheChannel() {
        RunReport report = run(twoKernels("channels: {capacity: 4, backpressure: fail}\n",
                "  - name: spike\n    burst: {at: 10ms, count: 5000}\n"
                        + "    stages: [{kernel: a, cost: 0}, {kernel: b, cost: 50us}]\n", ""));

        assertThat(report.failure()).contains("a->b").contains("fail");
        ChannelReport ab = channel(report, "a", "b");
        assertThat(ab.rejected()).isPositive();
        assertThat(ab.balanced()).isTrue();
    }

    @Test
    void dropNewestCountsEveryDropAndStillBalances() {
        RunReport report = run(twoKernels("channels: {capacity: 8, backpressure: drop-newest}\n",
                "  - name: spike\n    burst: {at: 10ms, count: 5000}\n"
                        + "    stages: [{kernel: a, cost: 0}, {kernel: b, cost: 20us}]\n", ""));

        WorkloadReport spike = workload(report, "spike");
        ChannelReport ab = channel(report, "a", "b");
        assertThat(report.failure()).isNull();
        assertThat(spike.generated()).isEqualTo(5000);
        assertThat(spike.dropped()).isPositive().isEqualTo(ab.rejected());
        assertThat(spike.completed() + spike.dropped()).isEqualTo(5000);
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void retryLosesNothingWithATinyChannelAndASlowConsumer() {
        RunReport report = run(twoKernels("channels: {capacity: 2, backpressure: retry}\n",
                "  - name: spike\n    burst: {at: 10ms, count: 3000}\n"
                        + "    stages: [{kernel: a, cost: 0}, {kernel: b, cost: 20us}]\n", ""));

        WorkloadReport spike = workload(report, "spike");
        assertThat(spike.completed()).isEqualTo(3000);
        assertThat(channel(report, "a", "b").backpressured()).isPositive();
        assertThat(channel(report, "a", "b").rejected()).isZero();
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void aKernelWhoseDutyCycleThrowsIsCountedAndTheOthersCarryOn() {
        RunReport report = run("name: test\nduration: 200ms\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: broken, type: throwing, cores: [0]}\n"
                + "  - {name: b, type: general, cores: [1]}\n"
                + "workload:\n"
                + "  - name: steady\n    periodic: {period: 1ms}\n    kernel: b\n    cost: 5us\n");

        assertThat(report.failure()).isNull();
        assertThat(kernel(report, "broken").kernelErrors()).isPositive();
        assertThat(report.taskErrors()).isPositive();
        assertThat(workload(report, "steady").completed()).isGreaterThan(10);
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void theWatchdogReportsAWorkerStuckInALongTask() {
        RunReport report = run(twoKernels("",
                "  - name: hog\n    burst: {at: 10ms, count: 1}\n    kernel: a\n    cost: 400ms\n",
                ", stallThreshold: 100ms"));

        assertThat(report.stalls()).isPositive();
        assertThat(kernel(report, "a").stalls()).isPositive();
        assertThat(workload(report, "hog").completed()).isEqualTo(1);
    }

    @Test
    void multiCoreGeneralKernelUsesEveryWorker() {
        RunReport report = run("name: test\nduration: 300ms\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: mono, type: general, cores: [0, 1, 2, 3]}\n"
                + "workload:\n"
                + "  - name: work\n    stream: {rate: 10k/s}\n    kernel: mono\n    cost: 20us\n");

        KernelReport mono = kernel(report, "mono");
        assertThat(mono.cores()).containsExactly(0, 1, 2, 3);
        assertThat(workload(report, "work").completed()).isEqualTo(workload(report, "work").generated());
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void aKernelThatFailsToBootReleasesTheKernelsBootedBeforeIt() {
        int before = SHUTDOWNS.get();
        String yaml = "name: test\nduration: 100ms\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: first, type: shutdown-recording, cores: [0]}\n"
                + "  - {name: second, type: failing-boot, cores: [1]}\n"
                + "  - {name: b, type: general, cores: [1]}\n"
                + "workload:\n"
                + "  - name: steady\n    periodic: {period: 1ms}\n    kernel: b\n";

        assertThatThrownBy(() -> run(yaml)).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("'second'").hasMessageContaining("no such device");
        assertThat(SHUTDOWNS.get()).isEqualTo(before + 1);
    }

    /** A kernel type built from a boot action, a duty cycle and a shutdown action. */
    static final class TestKernelFactory extends NoSettingsKernelFactory {
        private final Consumer<KernelContext> onBoot;
        private final IntUnaryOperator doWork;
        private final Runnable onShutdown;

        TestKernelFactory(String type, Consumer<KernelContext> onBoot, IntUnaryOperator doWork, Runnable onShutdown) {
            super(type);
            this.onBoot = onBoot;
            this.doWork = doWork;
            this.onShutdown = onShutdown;
        }

        @Override
        public Kernel create(KernelSpec spec) {
            return new Kernel() {
                @Override
                public void onBoot(KernelContext context) {
                    onBoot.accept(context);
                }

                @Override
                public int doWork(int worker) {
                    return doWork.applyAsInt(worker);
                }

                @Override
                public void onShutdown() {
                    onShutdown.run();
                }
            };
        }
    }
}
