package io.crosskernel.hypervisor.partition;

import static io.crosskernel.hypervisor.partition.TestScenarios.coresPos;
import static io.crosskernel.hypervisor.partition.TestScenarios.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPlannerTest {

    static CpuTopology machine(int cores) {
        List<Integer> all = new ArrayList<>();
        for (int cpu = 0; cpu < cores; cpu++) {
            all.add(cpu);
        }
        return new CpuTopology(all, List.of(), all, cores);
    }

    private static ScenarioException rejected(Scenario scenario, CpuTopology topology) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> PartitionPlanner.plan(scenario, topology));
        assertThat(e).as("plan should have been rejected").isNotNull();
        return e;
    }

    @Test
    void placesDisjointKernelsAndKeepsLowestFreeCoreForHousekeeping() {
        PartitionPlan plan = PartitionPlanner.plan(
                scenario().kernel("rt", "realtime", 1).kernel("io", "io", 2, 3).build(), machine(4));

        assertThat(plan.housekeepingCore()).isZero();
        assertThat(plan.oversubscribed()).isFalse();
        assertThat(plan.kernels()).containsExactly(
                new KernelPlacement(0, "rt", "realtime", List.of(1), List.of(true)),
                new KernelPlacement(1, "io", "io", List.of(2, 3), List.of(true, true)));
        assertThat(plan.warnings()).containsExactly(
                "no isolated cores (isolcpus): kernels share cores with the OS; expect noise");
    }

    @Test
    void housekeepingSkipsCoresKernelsUse() {
        PartitionPlan plan = PartitionPlanner.plan(
                scenario().kernel("a", "general", 0).kernel("b", "general", 2).build(), machine(4));

        assertThat(plan.housekeepingCore()).isEqualTo(1);
    }

    @Test
    void rendersValidPlanAsTable() {
        PartitionPlan plan = PartitionPlanner.plan(
                scenario().kernel("rt", "realtime", 1).kernel("storage", "storage", 2, 3).build(), machine(4));

        String text = plan.render();

        assertThat(text.lines().findFirst()).hasValueSatisfying(header ->
                assertThat(header).contains("kernel", "type", "cores", "placement"));
        assertThat(text).containsPattern("rt\\s+realtime\\s+1\\s+pinned")
                .containsPattern("storage\\s+storage\\s+2,3\\s+pinned")
                .contains("housekeeping core: 0")
                .contains("warnings:")
                .contains("  - no isolated cores (isolcpus)")
                .doesNotContain("oversubscribed");
    }

    @Test
    void rejectsCoreThatDoesNotExist() {
        ScenarioException e = rejected(scenario().housekeeping(false).kernel("io", "io", 0)
                .kernel("rt", "realtime", 7).build(), machine(2));

        assertThat(e.pos()).isEqualTo(coresPos(1));
        assertThat(e.problem()).isEqualTo("kernel 'rt' asks for core 7, but this machine has 2 usable cores (0-1)");
        assertThat(e.hint()).isEqualTo("use cores from 0-1, or set host.oversubscribe: true to run it unpinned");
        assertThat(e.getMessage()).startsWith("plan.yaml:11:12: kernel 'rt' asks for core 7");
    }

    @Test
    void rejectsCoreOutsideThisProcessesAffinityMask() {
        CpuTopology taskset = new CpuTopology(List.of(0, 1, 2, 3), List.of(), List.of(0, 1), 2);

        ScenarioException e = rejected(scenario().housekeeping(false).kernel("rt", "realtime", 3).build(), taskset);

        assertThat(e.problem()).isEqualTo("kernel 'rt' asks for core 3, but this machine has 2 usable cores (0-1)");
    }

    @Test
    void saysHowManyCoresTheScenarioAsksForAndHowManyExist() {
        ScenarioException e = rejected(scenario().kernel("a", "general", 0, 1).kernel("b", "compute", 2, 3, 4)
                .build(), machine(2));

        assertThat(e.pos()).isEqualTo(coresPos(1));
        assertThat(e.problem()).isEqualTo("kernel 'b' asks for cores 2-4, but this machine has 2 usable cores (0-1);"
                + " the scenario asks for 5 cores (0-4) and only 2 exist");
        assertThat(e.hint()).contains("use at most 2 cores from 0-1", "host.oversubscribe: true");
    }

    @Test
    void rejectsCoresSharedBetweenKernels() {
        ScenarioException e = rejected(scenario().kernel("io", "io", 1, 2).kernel("rt", "realtime", 3)
                .kernel("disk", "storage", 2, 3).build(), machine(4));

        assertThat(e.pos()).isEqualTo(coresPos(2));
        assertThat(e.problem()).isEqualTo("kernels 'io' and 'disk' both use core 2");
        assertThat(e.hint()).isEqualTo(
                "give each kernel its own cores, or set host.oversubscribe: true to let them share");
    }

    @Test
    void namesEverySharedCoreOfTheFirstClashingPair() {
        ScenarioException e = rejected(scenario().kernel("a", "general", 1, 2, 3).kernel("b", "general", 3, 2)
                .build(), machine(4));

        assertThat(e.problem()).isEqualTo("kernels 'a' and 'b' both use cores 2-3");
    }

    @Test
    void rejectsCoreListedTwiceByOneKernel() {
        ScenarioException e = rejected(scenario().kernel("c", "compute", 1, 1).build(), machine(4));

        assertThat(e.pos()).isEqualTo(coresPos(0));
        assertThat(e.problem()).isEqualTo("kernel 'c' lists core 1 more than once");
    }

    @Test
    void rejectsPlanWithNoCoreLeftForHousekeeping() {
        ScenarioException e = rejected(scenario().kernel("a", "general", 0).kernel("b", "realtime", 1).build(),
                machine(2));

        assertThat(e.pos()).isEqualTo(coresPos(1));
        assertThat(e.problem()).isEqualTo("no core left for the host's housekeeping: kernels use all 2 cores (0-1)");
        assertThat(e.hint()).isEqualTo("free a core, or set host.housekeeping: false");
    }

    @Test
    void needsNoHousekeepingCoreWhenHousekeepingIsOff() {
        PartitionPlan plan = PartitionPlanner.plan(scenario().housekeeping(false).kernel("a", "general", 0)
                .kernel("b", "realtime", 1).build(), machine(2));

        assertThat(plan.housekeepingCore()).isEqualTo(-1);
        assertThat(plan.oversubscribed()).isFalse();
        assertThat(plan.render()).contains("housekeeping core: none");
    }

    @Test
    void keepsExplicitHousekeepingCore() {
        PartitionPlan plan = PartitionPlanner.plan(scenario().housekeepingCore(3).kernel("a", "general", 0, 1)
                .build(), machine(4));

        assertThat(plan.housekeepingCore()).isEqualTo(3);
    }

    @Test
    void rejectsKernelOnExplicitHousekeepingCore() {
        ScenarioException e = rejected(scenario().housekeepingCore(1).kernel("io", "io", 2)
                .kernel("rt", "realtime", 1).build(), machine(4));

        assertThat(e.pos()).isEqualTo(coresPos(1));
        assertThat(e.problem()).isEqualTo("kernel 'rt' uses core 1, which host.housekeepingCore keeps for the host");
        assertThat(e.hint()).contains("move kernel 'rt' off core 1");
    }

    @Test
    void rejectsExplicitHousekeepingCoreThatDoesNotExist() {
        ScenarioException e = rejected(scenario().housekeepingCore(9).kernel("io", "io", 1).build(), machine(2));

        assertThat(e.pos()).isEqualTo(TestScenarios.HOST_POS);
        assertThat(e.problem()).isEqualTo("housekeeping core 9 does not exist: this machine has 2 usable cores (0-1)");
    }

    @Test
    void rejectsKernelWithoutCoresAndNegativeCores() {
        assertThat(rejected(scenario().kernel("a", "general", List.of()).build(), machine(2)).problem())
                .isEqualTo("kernel 'a' has no cores");
        assertThat(rejected(scenario().kernel("a", "general", -1).build(), machine(2)).problem())
                .isEqualTo("kernel 'a' asks for core -1, which is not a core number");
    }

    @Test
    void oversubscribeAllowsSharedAndMissingCoresAndRunsMissingOnesUnpinned() {
        PartitionPlan plan = PartitionPlanner.plan(scenario().oversubscribe().kernel("a", "general", 0, 1)
                .kernel("b", "compute", 1, 5).build(), machine(2));

        assertThat(plan.oversubscribed()).isTrue();
        assertThat(plan.kernels().get(0).physical()).containsExactly(true, true);
        assertThat(plan.kernels().get(1).cores()).containsExactly(1, 5);
        assertThat(plan.kernels().get(1).physical()).containsExactly(true, false);
        assertThat(plan.housekeepingCore()).isEqualTo(-1);
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w)
                .isEqualTo("kernel 'b' asks for core 5 that does not exist here (this machine has 2 usable cores"
                        + " (0-1)): its workers there run unpinned"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).startsWith("kernels 'a' and 'b' share core 1"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("no core left for the host's housekeeping: kernels use all 2 cores (0-1)"));
        assertThat(plan.render()).containsPattern("b\\s+compute\\s+1,5\\s+pinned\\+shared 1; virtual \\(unpinned\\) 5")
                .contains("oversubscribed: yes");
    }

    @Test
    void oversubscribeAllowsKernelOnExplicitHousekeepingCoreWithWarning() {
        PartitionPlan plan = PartitionPlanner.plan(scenario().oversubscribe().housekeepingCore(0)
                .kernel("a", "general", 0).build(), machine(2));

        assertThat(plan.housekeepingCore()).isZero();
        assertThat(plan.oversubscribed()).isTrue();
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("kernel 'a' uses core 0"));
    }

    @Test
    void oversubscribeSettingAloneIsNotOversubscription() {
        PartitionPlan plan = PartitionPlanner.plan(scenario().oversubscribe().kernel("a", "general", 1).build(),
                machine(2));

        assertThat(plan.oversubscribed()).isFalse();
        assertThat(plan.housekeepingCore()).isZero();
        assertThat(plan.warnings()).containsExactly(
                "no isolated cores (isolcpus): kernels share cores with the OS; expect noise");
    }

    @Test
    void warnsOnceAboutCoresThatAreNotIsolated() {
        CpuTopology partlyIsolated = new CpuTopology(List.of(0, 1, 2, 3, 4, 5), List.of(3, 4, 5),
                List.of(0, 1, 2, 3, 4, 5), 6);

        PartitionPlan plan = PartitionPlanner.plan(scenario().kernel("a", "general", 1, 2)
                .kernel("rt", "realtime", 3).build(), partlyIsolated);

        assertThat(plan.warnings()).containsExactly(
                "kernel cores 1-2 are not isolated (isolcpus=3-5): kernels share them with the OS; expect noise");
    }

    @Test
    void noIsolationWarningWhenEveryKernelCoreIsIsolated() {
        CpuTopology isolated = new CpuTopology(List.of(0, 1, 2, 3), List.of(1, 2, 3), List.of(0, 1, 2, 3), 4);

        PartitionPlan plan = PartitionPlanner.plan(scenario().kernel("rt", "realtime", 1)
                .kernel("io", "io", 2, 3).build(), isolated);

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.render()).doesNotContain("warnings");
    }
}
