package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.compute.ComputeKernelFactory;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End-to-end runs of the host with a compute kernel between two general kernels: real channels, real worker
 * threads, a real pinned ForkJoinPool. The compute kernel shares cores 0 and 1 with the general kernels
 * ({@code oversubscribe: true}) so the test runs on a 2-core machine.
 */
@Timeout(60)
class ComputeKernelRunTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(), new ComputeKernelFactory());

    private static String scenario(String computeStage) {
        return "name: compute-test\nduration: 400ms\nseed: 3\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 10s}\n"
                + "kernels:\n"
                + "  - {name: front, type: general, cores: [0], idle: backoff}\n"
                + "  - {name: crunch, type: compute, cores: [0, 1], idle: park, settings: {split: 8, maxInFlight: 16}}\n"
                + "  - {name: back, type: general, cores: [1], idle: backoff}\n"
                + "workload:\n"
                + "  - name: jobs\n    stream: {rate: 1k/s, arrival: poisson}\n"
                + "    stages: [{kernel: front, cost: 5us}, " + computeStage + ", {kernel: back, cost: 5us}]\n";
    }

    private static RunReport run(String yaml) {
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("compute.yaml"));
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), RunListener.NONE);
    }

    private static WorkloadReport workload(RunReport report, String name) {
        return report.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private static KernelReport kernel(RunReport report, String name) {
        return report.kernels().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aGeneralComputeGeneralPipelineCompletesEveryRequest() {
        RunReport report = run(scenario("{kernel: crunch, cost: 200us}"));

        WorkloadReport jobs = workload(report, "jobs");
        assertThat(report.failure()).isNull();
        assertThat(jobs.generated()).isGreaterThan(20);
        assertThat(jobs.completed()).isEqualTo(jobs.generated());
        assertThat(jobs.inFlight()).isZero();
        assertThat(report.accounting().balanced()).isTrue();
        assertThat(report.accounting().drained()).isTrue();

        KernelReport crunch = kernel(report, "crunch");
        assertThat(crunch.type()).isEqualTo("compute");
        assertThat(crunch.tasksCompleted()).isEqualTo(jobs.generated());
        assertThat(crunch.messagesIn()).isEqualTo(jobs.generated());
        assertThat(crunch.messagesOut()).isEqualTo(jobs.generated());
        assertThat(crunch.details()).containsEntry("parallelism", 2L).containsEntry("chunksPerBatch", 8L)
                .containsEntry("batchesCompleted", jobs.generated())
                .containsEntry("chunksRun", jobs.generated() * 8).containsKeys("steals", "maxInFlight");
        assertThat(crunch.details().get("poolThreads")).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty()
                .allSatisfy(thread -> assertThat(thread).asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsKeys("name", "cpu", "grantedCpus", "pinned", "detail"));
    }

    @Test
    void failingBatchesAreCountedAndTheRunStillBalances() {
        RunReport report = run(scenario("{kernel: crunch, cost: 100us, failEvery: 10}"));

        WorkloadReport jobs = workload(report, "jobs");
        assertThat(report.failure()).isNull();
        assertThat(jobs.failed()).isEqualTo(jobs.generated() / 10);
        assertThat(jobs.completed() + jobs.failed()).isEqualTo(jobs.generated());
        assertThat(report.taskErrors()).isEqualTo(jobs.failed());
        assertThat(kernel(report, "crunch").details()).containsEntry("batchesFailed", jobs.failed());
        assertThat(report.accounting().balanced()).isTrue();
    }

    @Test
    void refusesStorageOpsAtParseTime() {
        String yaml = scenario("{kernel: crunch, cost: 100us, op: compress, size: 1KiB}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScenarioParser(TYPES).parse(yaml,
                Path.of("compute.yaml"))).isInstanceOf(ScenarioException.class).hasMessageContaining("op 'compress'");
    }
}
