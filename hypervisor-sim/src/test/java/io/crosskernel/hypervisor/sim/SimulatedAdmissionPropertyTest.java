package io.crosskernel.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.realtime.RealtimeKernelFactory;
import io.crosskernel.kernels.realtime.RealtimeScheduler;
import io.crosskernel.kernels.realtime.RtPolicy;
import io.crosskernel.kernels.realtime.RtTask;
import io.crosskernel.kernels.realtime.SchedulabilityAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The realtime kernel's admission control checked against the simulation: every random task set that the analysis
 * admits meets every deadline over its hyperperiod when the same kernel runs it in virtual time with worst-case costs
 * (every job takes its full budget), under EDF, RM and DM, non-preemptive. The analysis assumes no dispatch overhead
 * while the simulated kernel pays the calibrated duty-cycle cost per duty cycle, so a set is admitted here when it
 * passes with each budget plus {@link #OVERHEAD_MARGIN_NANOS}. The kernel busy-spins when idle, as a realtime kernel
 * whose lateness matters should: the analysis assumes a job can start at its release, and a parking idle strategy's
 * wake-up latency (which the simulation models) is not part of it.
 *
 * <p>Sets the analysis rejects are simulated too (a realtime factory without admission lets them boot): the share of
 * those that meet every deadline anyway is the analysis' pessimism, collected as statistics and reported in
 * docs/KERNELS.md.
 */
class SimulatedAdmissionPropertyTest {
    static final long OVERHEAD_MARGIN_NANOS = 1_000;

    record TaskSpec(long periodUs, long costUs, long deadlineUs) {
    }

    @Property(tries = 1000)
    void everyAdmittedTaskSetMeetsEveryDeadlineInSimulation(@ForAll("taskSets") List<TaskSpec> set,
            @ForAll("policies") RtPolicy policy) {
        boolean admitted = analyse(set, policy, OVERHEAD_MARGIN_NANOS);
        boolean admittedExactly = analyse(set, policy, 0);
        long misses = simulate(set, policy);
        Statistics.label("admitted").collect(admitted);
        if (!admittedExactly) {
            Statistics.label("rejected sets that met every deadline").collect(misses == 0);
        }
        if (admitted) {
            assertThat(misses).as("deadline misses of an admitted set %s under %s", set, policy).isZero();
        }
    }

    @Provide
    Arbitrary<RtPolicy> policies() {
        return Arbitraries.of(RtPolicy.EDF, RtPolicy.RM, RtPolicy.DM);
    }

    @Provide
    Arbitrary<List<TaskSpec>> taskSets() {
        Arbitrary<TaskSpec> task = Arbitraries.of(1_000L, 2_000L, 4_000L, 5_000L, 10_000L).flatMap(period -> Combinators.combine(
                Arbitraries.longs().between(1, period / 3), Arbitraries.doubles().between(0.3, 1.0))
                .as((cost, d) -> new TaskSpec(period, cost, Math.max(cost, Math.round(period * d)))));
        return task.list().ofMinSize(1).ofMaxSize(5);
    }

    private static boolean analyse(List<TaskSpec> set, RtPolicy policy, long margin) {
        List<RtTask> tasks = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            TaskSpec t = set.get(i);
            tasks.add(RtTask.periodic("t" + i, t.periodUs() * 1_000, t.costUs() * 1_000 + margin,
                    t.deadlineUs() * 1_000));
        }
        return SchedulabilityAnalysis.analyse(tasks, policy, RealtimeScheduler.PREEMPTION).schedulable();
    }

    /** Runs the set over one hyperperiod in simulation; @return its deadline misses */
    private static long simulate(List<TaskSpec> set, RtPolicy policy) {
        long hyperperiod = 1;
        for (TaskSpec t : set) {
            hyperperiod = lcm(hyperperiod, t.periodUs());
        }
        StringBuilder yaml = new StringBuilder("name: taskset\nduration: ").append(hyperperiod).append("us\n")
                .append("host: {housekeeping: false}\nkernels:\n")
                .append("  - {name: rt, type: realtime, cores: [0], idle: busy-spin, settings: {policy: ")
                .append(policy.alias())
                .append("}}\nworkload:\n");
        for (int i = 0; i < set.size(); i++) {
            TaskSpec t = set.get(i);
            yaml.append("  - name: t").append(i).append("\n    periodic: {period: ").append(t.periodUs())
                    .append("us, deadline: ").append(t.deadlineUs()).append("us}\n    kernel: rt\n    cost: ")
                    .append(t.costUs()).append("us\n");
        }
        KernelTypes types = KernelTypes.of(new AdmitAll(new RealtimeKernelFactory()));
        Scenario scenario = new ScenarioParser(types).parse(yaml.toString(), null);
        SimulationSettings settings = new SimulationSettings(1, Calibration.defaults(), null, SimFaults.NONE);
        RunReport report = Hypervisor.simulated(types, settings, null).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.virtual(2)), RunListener.NONE);
        assertThat(report.failure()).isNull();
        assertThat(report.accounting().balanced()).isTrue();
        return report.deadlineMisses();
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }

    /** The realtime kernel type without admission control: the sets the analysis rejects boot all the same. */
    private record AdmitAll(KernelFactory delegate) implements KernelFactory {
        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Set<String> settingKeys() {
            return delegate.settingKeys();
        }

        @Override
        public void validate(KernelSpec spec) {
            delegate.validate(spec);
        }

        @Override
        public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        }

        @Override
        public Map<String, String> notSimulated(KernelSpec spec) {
            return delegate.notSimulated(spec);
        }

        @Override
        public Kernel create(KernelSpec spec) {
            return delegate.create(spec);
        }
    }
}
