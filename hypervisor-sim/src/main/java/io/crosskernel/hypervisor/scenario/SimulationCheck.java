package io.crosskernel.hypervisor.scenario;

import java.util.Map;

/**
 * Refuses, before a simulated run, what simulation cannot reproduce (docs/SIMULATION.md): kernel settings and types
 * their factories name ({@link io.crosskernel.api.KernelFactory#notSimulated}). Each refusal is a
 * {@link ScenarioException} at the setting or the kernel. ({@code ingress:} workloads are not refused: a simulated
 * run gives them a journal's recorded arrivals or none, see {@code SimulatedRun}.)
 *
 * <p>Threading: stateless.
 */
public final class SimulationCheck {
    private SimulationCheck() {
    }

    /** @throws ScenarioException at the first thing a simulated run cannot reproduce */
    public static void check(Scenario scenario, KernelTypes types) {
        for (KernelDecl kernel : scenario.kernels()) {
            Map<String, String> problems = types.get(kernel.type()).notSimulated(kernel.toSpec());
            for (Map.Entry<String, String> problem : problems.entrySet()) {
                String key = problem.getKey();
                if (key.isEmpty()) {
                    throw new ScenarioException(kernel.pos(), "kernel '" + kernel.name() + "' (type "
                            + kernel.type() + ") cannot be simulated: " + problem.getValue(),
                            "run it without --sim");
                }
                SourcePos pos = kernel.settingPos().getOrDefault(key, kernel.pos());
                throw new ScenarioException(pos, "setting '" + key + "' of kernel '" + kernel.name()
                        + "' has no meaning in a simulated run: " + problem.getValue(),
                        "remove it for --sim (or run without --sim)");
            }
        }
    }
}
