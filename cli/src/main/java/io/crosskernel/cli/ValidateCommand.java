package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.cli.plugins.KernelPlugins;
import io.crosskernel.cli.plugins.PluginOptions;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code xk validate}: checks a scenario and prints the partition plan without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Checks a scenario file and prints the partition plan, without running it.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario YAML file.")
    Path scenarioFile;

    @Mixin
    PluginOptions plugins;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (KernelPlugins kernelTypes = plugins.load()) {
            return validate(new ScenarioLoader(kernelTypes.types()));
        }
    }

    private int validate(ScenarioLoader loader) {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioLoader.Loaded loaded = loader.load(scenarioFile);
        Scenario scenario = loaded.scenario();
        ScenarioLoader.printWarnings(scenario, spec.commandLine().getErr());
        out.println("scenario " + scenario.name() + " (" + scenarioFile + ") is valid");
        out.println("  duration " + Units.formatNanos(scenario.durationNanos()) + ", warm-up "
                + Units.formatNanos(scenario.warmupNanos()) + ", seed " + scenario.seed());
        out.println();
        out.println("Partition plan");
        out.println(loaded.plan().render());
        out.println("Kernels");
        for (KernelDecl kernel : scenario.kernels()) {
            out.println("  " + kernel.name() + ": " + kernel.type() + ", idle " + kernel.idle()
                    + (kernel.settings().isEmpty() ? "" : ", settings " + kernel.settings()));
        }
        out.println("Channels: " + scenario.links().size());
        out.println("Workload");
        for (WorkloadDecl workload : scenario.workloads()) {
            out.println("  " + workload.name() + ": " + workload.route().kind() + " " + workload.schedule().describe()
                    + ", stages " + TextReport.stages(workload.route()));
        }
        out.println("Expectations: " + scenario.expectations().size());
        return Xk.OK;
    }
}
