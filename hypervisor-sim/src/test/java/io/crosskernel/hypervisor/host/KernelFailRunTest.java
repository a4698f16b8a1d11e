package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.KernelContext;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link KernelContext#failRun}: a kernel that cannot go on (its disk is full) stops the run with its own message as
 * the run's failure, whatever {@code onError} says, instead of one task error per request.
 */
@Timeout(60)
class KernelFailRunTest {
    private static final AtomicReference<KernelContext> CONTEXT = new AtomicReference<>();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(),
            new HostRunTest.TestKernelFactory("giving-up", CONTEXT::set, worker -> {
                if (FAILED.compareAndSet(false, true)) {
                    CONTEXT.get().failRun(worker, "no space left on device for /data/log", new IllegalStateException());
                }
                return 0;
            }, () -> { }));

    @Test
    void aKernelThatCannotGoOnStopsTheRunWithItsMessageUnderOnErrorContinue() {
        String yaml = "name: fail-run\nduration: 60s\nseed: 1\n"
                + "host: {oversubscribe: true, housekeeping: false, onError: continue}\n"
                + "kernels:\n  - {name: store, type: giving-up, cores: [0], idle: backoff}\n"
                + "  - {name: work, type: general, cores: [1], idle: backoff}\n"
                + "workload:\n  - name: w\n    stream: {rate: 1k/s}\n    kernel: work\n    cost: 1us\n";
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("fail-run.yaml"));
        RunReport report = new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);

        assertThat(report.failure()).isEqualTo("kernel 'store': no space left on device for /data/log");
        assertThat(report.taskErrors()).as("one failure message, not a task error").isZero();
    }
}
