package io.crosskernel.cli;

import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.ScenarioWarning;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Reads a scenario and plans its partition on this machine; shared by {@code run} and {@code validate}.
 * Every problem surfaces as a {@link io.crosskernel.hypervisor.scenario.ScenarioException} (exit 2).
 */
final class ScenarioLoader {
    private final KernelTypes types;

    /** @param types the kernel types scenarios may name (built-in and plugin: {@code PluginOptions}) */
    ScenarioLoader(KernelTypes types) {
        this.types = types;
    }

    KernelTypes types() {
        return types;
    }

    Loaded load(Path file) {
        Scenario scenario = new ScenarioParser(types).parse(file);
        PartitionPlan plan = PartitionPlanner.plan(scenario, CpuTopology.detect());
        return new Loaded(scenario, plan);
    }

    /**
     * Prints the scenario's warnings ({@link Scenario#warnings()}) to {@code err}, one
     * {@code warning: file:line:column: ...} line each. Call it with the scenario as it will run (after
     * {@code --duration}), since some warnings depend on the run's length.
     */
    static void printWarnings(Scenario scenario, PrintWriter err) {
        for (ScenarioWarning warning : scenario.warnings()) {
            err.println("warning: " + warning);
        }
        err.flush();
    }

    record Loaded(Scenario scenario, PartitionPlan plan) {
    }
}
