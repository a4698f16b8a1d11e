package io.crosskernel.cli;

import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.scenario.KeyOverride;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.scenario.ScenarioWarning;
import io.crosskernel.hypervisor.scenario.SimulationCheck;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

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
        return load(file, null, false, List.of());
    }

    /**
     * @param seed      replaces the file's {@code seed:} when not null ({@code --seed})
     * @param simulated plan on a virtual machine with every core the scenario names ({@code --sim}), after refusing
     *                  what a simulated run cannot reproduce ({@link SimulationCheck})
     * @param overrides values read in place of the file's ({@code --set})
     */
    Loaded load(Path file, Long seed, boolean simulated, List<KeyOverride> overrides) {
        Scenario scenario = parse(file, seed, overrides);
        if (!simulated) {
            return new Loaded(scenario, PartitionPlanner.plan(scenario, CpuTopology.detect()));
        }
        SimulationCheck.check(scenario, types);
        return new Loaded(scenario, PartitionPlanner.planSimulated(scenario));
    }

    /** Reads and checks {@code file} with {@code seed} (when not null) and {@code overrides}; plans nothing. */
    Scenario parse(Path file, Long seed, List<KeyOverride> overrides) {
        ScenarioParser parser = new ScenarioParser(types).withOverrides(overrides);
        return (seed == null ? parser : parser.withSeed(seed)).parse(file);
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
