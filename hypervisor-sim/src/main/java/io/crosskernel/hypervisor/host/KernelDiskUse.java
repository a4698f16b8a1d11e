package io.crosskernel.hypervisor.host;

import io.crosskernel.api.DiskUse;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a scenario's kernels will write files, and about how much, before any of them boots: each kernel type's
 * {@link io.crosskernel.api.KernelFactory#diskUse} over the run's sources, for warm-up plus duration.
 *
 * <p>Stateless; host or CLI thread.
 */
public final class KernelDiskUse {
    private KernelDiskUse() {
    }

    /** Every kernel's directories and estimates, in the scenario's kernel order. */
    public static List<DiskUse> of(Scenario scenario, KernelTypes types) {
        long runNanos = scenario.warmupNanos() + scenario.durationNanos();
        List<Source> sources = new ArrayList<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            // Prototype schedules: diskUse only asks them for expected counts, which never advances them.
            sources.add(new Source(workload.route(), workload.schedule()));
        }
        List<DiskUse> uses = new ArrayList<>();
        for (KernelDecl kernel : scenario.kernels()) {
            uses.addAll(types.get(kernel.type()).diskUse(kernel.toSpec(), kernel.id(), sources, runNanos));
        }
        return uses;
    }
}
