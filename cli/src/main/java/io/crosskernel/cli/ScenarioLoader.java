package io.crosskernel.cli;

import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.nio.file.Path;

/**
 * Reads a scenario and plans its partition on this machine; shared by {@code run} and {@code validate}.
 * Every problem surfaces as a {@link io.crosskernel.hypervisor.scenario.ScenarioException} (exit 2).
 */
final class ScenarioLoader {
    private final KernelTypes types = KernelTypes.load();

    KernelTypes types() {
        return types;
    }

    Loaded load(Path file) {
        Scenario scenario = new ScenarioParser(types).parse(file);
        PartitionPlan plan = PartitionPlanner.plan(scenario, CpuTopology.detect());
        return new Loaded(scenario, plan);
    }

    record Loaded(Scenario scenario, PartitionPlan plan) {
    }
}
