package io.crosskernel.hypervisor.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PartitionPlannerPropertyTest {

    private static Scenario scenarioOf(List<List<Integer>> kernelCores, boolean oversubscribe) {
        TestScenarios builder = TestScenarios.scenario();
        if (oversubscribe) {
            builder.oversubscribe();
        }
        for (int i = 0; i < kernelCores.size(); i++) {
            builder.kernel("k" + i, "general", kernelCores.get(i));
        }
        return builder.build();
    }

    @Property(tries = 300)
    void validPlansAreDisjointExistingAndLeaveTheHostACore(
            @ForAll @IntRange(min = 1, max = 8) int machineSize,
            @ForAll @Size(min = 1, max = 4) List<@Size(min = 1, max = 3) List<@IntRange(max = 9) Integer>> cores) {
        CpuTopology topology = PartitionPlannerTest.machine(machineSize);
        Scenario scenario = scenarioOf(cores, false);
        PartitionPlan plan;
        try {
            plan = PartitionPlanner.plan(scenario, topology);
        } catch (ScenarioException e) {
            Set<Object> kernelPositions = scenario.kernels().stream().map(KernelDecl::coresPos)
                    .collect(Collectors.toSet());
            assertThat(kernelPositions).contains(e.pos());
            assertThat(e.hint()).isNotBlank();
            return;
        }
        Set<Integer> used = new HashSet<>();
        for (KernelPlacement kernel : plan.kernels()) {
            assertThat(kernel.physical()).containsOnly(true);
            for (Integer core : kernel.cores()) {
                assertThat(used.add(core)).as("core %d used twice", core).isTrue();
                assertThat(topology.exists(core)).isTrue();
            }
        }
        assertThat(plan.oversubscribed()).isFalse();
        assertThat(topology.exists(plan.housekeepingCore())).isTrue();
        assertThat(used).doesNotContain(plan.housekeepingCore());
        for (int lower = 0; lower < plan.housekeepingCore(); lower++) {
            assertThat(used).as("housekeeping should take the lowest free core").contains(lower);
        }
    }

    @Property(tries = 300)
    void oversubscribeAcceptsAnythingAndPinsOnlyCoresThatExist(
            @ForAll @IntRange(min = 1, max = 8) int machineSize,
            @ForAll @Size(min = 1, max = 4) List<@Size(min = 1, max = 3) List<@IntRange(max = 9) Integer>> cores) {
        CpuTopology topology = PartitionPlannerTest.machine(machineSize);

        PartitionPlan plan = PartitionPlanner.plan(scenarioOf(cores, true), topology);

        boolean anyMissingOrShared = false;
        Set<Integer> used = new HashSet<>();
        for (int k = 0; k < cores.size(); k++) {
            KernelPlacement kernel = plan.kernels().get(k);
            assertThat(kernel.cores()).isEqualTo(cores.get(k));
            for (int i = 0; i < kernel.workers(); i++) {
                int core = kernel.cores().get(i);
                assertThat(kernel.pinned(i)).isEqualTo(core < machineSize);
                anyMissingOrShared |= core >= machineSize || !used.add(core);
            }
        }
        if (anyMissingOrShared) {
            assertThat(plan.oversubscribed()).isTrue();
        }
    }
}
