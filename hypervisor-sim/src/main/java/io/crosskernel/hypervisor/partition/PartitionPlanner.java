package io.crosskernel.hypervisor.partition;

import io.crosskernel.hypervisor.scenario.HostSettings;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.SourcePos;
import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a scenario's core requests against a machine and decides where every worker and the host's own threads
 * run. Stateless; safe to call from any thread.
 *
 * <p>Rules, each broken one reported as a {@link ScenarioException} at the offending kernel's {@code cores:}:
 * <ul>
 *   <li>every core must be usable here ({@link CpuTopology#usableCpus()});</li>
 *   <li>no core may be given to two kernels, nor listed twice by one;</li>
 *   <li>with {@code host.housekeeping: true} one usable core must be left for the host: the one named in the
 *       scenario, or else the lowest core no kernel uses.</li>
 * </ul>
 * With {@code host.oversubscribe: true} shared and non-existent cores are allowed (workers on cores that do not exist
 * run unpinned) and a missing housekeeping core is only a warning; every such compromise is listed in
 * {@link PartitionPlan#warnings()}.
 */
public final class PartitionPlanner {
    /** The scenario key naming the host's core, as quoted in messages. */
    static final String HOUSEKEEPING_CORE_KEY = "host.housekeepingCore";

    private static final String OVERSUBSCRIBE_HINT = "set host.oversubscribe: true";

    private PartitionPlanner() {
    }

    /**
     * The plan of a simulated run: on virtual cores, as many as the scenario names (a simulated run may ask for
     * cores this machine does not have, docs/SIMULATION.md), plus one beyond the highest for the host's housekeeping
     * core when the scenario wants one.
     *
     * @throws ScenarioException if the scenario cannot run even there as written (a core shared without
     *                           {@code oversubscribe}, for one)
     */
    public static PartitionPlan planSimulated(Scenario scenario) {
        int highest = scenario.host().housekeepingCore();
        for (KernelDecl kernel : scenario.kernels()) {
            for (int core : kernel.cores()) {
                highest = Math.max(highest, core);
            }
        }
        return plan(scenario, CpuTopology.virtual(highest + 2));
    }

    /**
     * @return the plan for running {@code scenario} on {@code topology}
     * @throws ScenarioException if the scenario cannot run there as written
     */
    public static PartitionPlan plan(Scenario scenario, CpuTopology topology) {
        HostSettings host = scenario.host();
        boolean oversubscribe = host.oversubscribe();
        List<Integer> usable = topology.usableCpus();
        Set<Integer> usableSet = new TreeSet<>(usable);
        List<String> warnings = new ArrayList<>();
        boolean oversubscribed = false;

        checkCoreNumbers(scenario.kernels());

        TreeSet<Integer> requested = new TreeSet<>();
        for (KernelDecl kernel : scenario.kernels()) {
            requested.addAll(kernel.cores());
        }
        for (KernelDecl kernel : scenario.kernels()) {
            TreeSet<Integer> missing = new TreeSet<>(kernel.cores());
            missing.removeAll(usableSet);
            if (missing.isEmpty()) {
                continue;
            }
            if (!oversubscribe) {
                throw missingCores(kernel, missing, requested, usable);
            }
            oversubscribed = true;
            warnings.add("kernel '" + kernel.name() + "' asks for " + cores(missing) + " that "
                    + (missing.size() == 1 ? "does" : "do") + " not exist here (" + machine(usable)
                    + "): its workers there run unpinned");
        }

        Map<Integer, KernelDecl> owners = new HashMap<>();
        for (KernelDecl kernel : scenario.kernels()) {
            TreeSet<Integer> repeated = repeatedCores(kernel.cores());
            if (!repeated.isEmpty()) {
                if (!oversubscribe) {
                    throw new ScenarioException(kernel.coresPos(),
                            "kernel '" + kernel.name() + "' lists " + cores(repeated) + " more than once",
                            "give each worker its own core, or " + OVERSUBSCRIBE_HINT
                                    + " to run several workers on one core");
                }
                oversubscribed = true;
                warnings.add("kernel '" + kernel.name() + "' runs several workers on " + cores(repeated)
                        + ": they take turns (oversubscribed)");
            }
            Map<KernelDecl, TreeSet<Integer>> sharedWith = new LinkedHashMap<>();
            for (Integer core : new TreeSet<>(kernel.cores())) {
                KernelDecl previous = owners.putIfAbsent(core, kernel);
                if (previous != null) {
                    sharedWith.computeIfAbsent(previous, k -> new TreeSet<>()).add(core);
                }
            }
            for (Map.Entry<KernelDecl, TreeSet<Integer>> shared : sharedWith.entrySet()) {
                String pair = "kernels '" + shared.getKey().name() + "' and '" + kernel.name() + "'";
                if (!oversubscribe) {
                    throw new ScenarioException(kernel.coresPos(),
                            pair + " both use " + cores(shared.getValue()),
                            "give each kernel its own cores, or " + OVERSUBSCRIBE_HINT + " to let them share");
                }
                oversubscribed = true;
                warnings.add(pair + " share " + cores(shared.getValue()) + ": they compete for it (oversubscribed)");
            }
        }

        Set<Integer> physicalInUse = new TreeSet<>(owners.keySet());
        physicalInUse.retainAll(usableSet);
        int housekeepingCore = -1;
        if (host.housekeeping()) {
            if (host.housekeepingCore() >= 0) {
                housekeepingCore = host.housekeepingCore();
                if (!usableSet.contains(housekeepingCore)) {
                    throw new ScenarioException(host.pos(),
                            "housekeeping core " + housekeepingCore + " does not exist: " + machine(usable),
                            usable.isEmpty() ? "set host.housekeeping: false"
                                    : "set " + HOUSEKEEPING_CORE_KEY + " to a core from " + CpuList.format(usable)
                                            + " that no kernel uses, or to -1 to let the host pick one");
                }
                KernelDecl user = owners.get(housekeepingCore);
                if (user != null) {
                    String problem = "kernel '" + user.name() + "' uses core " + housekeepingCore
                            + ", which " + HOUSEKEEPING_CORE_KEY + " keeps for the host";
                    if (!oversubscribe) {
                        throw new ScenarioException(user.coresPos(), problem, "move kernel '" + user.name()
                                + "' off core " + housekeepingCore + ", or choose another " + HOUSEKEEPING_CORE_KEY);
                    }
                    oversubscribed = true;
                    warnings.add(problem + ": they share it (oversubscribed)");
                }
            } else {
                housekeepingCore = lowestFree(usable, owners.keySet());
                if (housekeepingCore < 0) {
                    String problem = "no core left for the host's housekeeping: kernels use all " + usable.size()
                            + (usable.size() == 1 ? " core (" : " cores (") + CpuList.format(usable) + ")";
                    if (!oversubscribe) {
                        throw new ScenarioException(lastUsingAny(scenario, usableSet, host.pos()), problem,
                                "free a core, or set host.housekeeping: false");
                    }
                    oversubscribed = true;
                    warnings.add(problem + "; host threads run unpinned and compete with kernels");
                }
            }
        }

        List<Integer> notIsolated = new ArrayList<>(physicalInUse);
        notIsolated.removeAll(topology.isolatedCpus());
        if (!notIsolated.isEmpty()) {
            warnings.add(topology.isolatedCpus().isEmpty()
                    ? "no isolated cores (isolcpus): kernels share cores with the OS; expect noise"
                    : "kernel " + cores(notIsolated) + (notIsolated.size() == 1 ? " is" : " are")
                            + " not isolated (isolcpus=" + CpuList.format(
                            topology.isolatedCpus()) + "): kernels share them with the OS; expect noise");
        }

        List<KernelPlacement> placements = new ArrayList<>(scenario.kernels().size());
        for (KernelDecl kernel : scenario.kernels()) {
            List<Boolean> physical = new ArrayList<>(kernel.cores().size());
            for (Integer core : kernel.cores()) {
                physical.add(usableSet.contains(core));
            }
            placements.add(new KernelPlacement(kernel.id(), kernel.name(), kernel.type(), kernel.cores(), physical));
        }
        return new PartitionPlan(placements, housekeepingCore, oversubscribed, warnings, topology);
    }

    private static void checkCoreNumbers(List<KernelDecl> kernels) {
        for (KernelDecl kernel : kernels) {
            if (kernel.cores().isEmpty()) {
                throw new ScenarioException(kernel.coresPos(), "kernel '" + kernel.name() + "' has no cores",
                        "list at least one core, e.g. cores: [1]");
            }
            for (Integer core : kernel.cores()) {
                if (core < 0) {
                    throw new ScenarioException(kernel.coresPos(),
                            "kernel '" + kernel.name() + "' asks for core " + core + ", which is not a core number",
                            "cores are numbered from 0");
                }
            }
        }
    }

    private static ScenarioException missingCores(KernelDecl kernel, Set<Integer> missing, Set<Integer> requested,
            List<Integer> usable) {
        StringBuilder problem = new StringBuilder()
                .append("kernel '").append(kernel.name()).append("' asks for ").append(cores(missing))
                .append(", but ").append(machine(usable));
        String hint;
        if (requested.size() > usable.size()) {
            problem.append("; the scenario asks for ").append(requested.size()).append(" cores (")
                    .append(CpuList.format(requested)).append(") and only ").append(usable.size())
                    .append(usable.size() == 1 ? " exists" : " exist");
            hint = usable.isEmpty() ? OVERSUBSCRIBE_HINT + " to run every kernel unpinned"
                    : "use at most " + usable.size() + " cores from " + CpuList.format(usable)
                            + " in all, or " + OVERSUBSCRIBE_HINT + " to run the extra workers unpinned";
        } else {
            hint = "use cores from " + CpuList.format(usable) + ", or " + OVERSUBSCRIBE_HINT + " to run it unpinned";
        }
        return new ScenarioException(kernel.coresPos(), problem.toString(), hint);
    }

    /** e.g. {@code this machine has 2 usable cores (0-1)} */
    private static String machine(List<Integer> usable) {
        if (usable.isEmpty()) {
            return "this machine has no usable cores";
        }
        return "this machine has " + usable.size() + " usable core" + (usable.size() == 1 ? "" : "s") + " ("
                + CpuList.format(usable) + ")";
    }

    /** e.g. {@code core 7} or {@code cores 5,7} */
    private static String cores(Collection<Integer> cores) {
        return (cores.size() == 1 ? "core " : "cores ") + CpuList.format(cores);
    }

    private static TreeSet<Integer> repeatedCores(List<Integer> cores) {
        Set<Integer> seen = new TreeSet<>();
        TreeSet<Integer> repeated = new TreeSet<>();
        for (Integer core : cores) {
            if (!seen.add(core)) {
                repeated.add(core);
            }
        }
        return repeated;
    }

    private static int lowestFree(List<Integer> usable, Set<Integer> taken) {
        for (Integer core : usable) {
            if (!taken.contains(core)) {
                return core;
            }
        }
        return -1;
    }

    /** The last kernel in the file that takes a real core: the one that used up the machine. */
    private static SourcePos lastUsingAny(Scenario scenario, Set<Integer> usable, SourcePos fallback) {
        List<KernelDecl> kernels = scenario.kernels();
        for (int i = kernels.size() - 1; i >= 0; i--) {
            for (Integer core : kernels.get(i).cores()) {
                if (usable.contains(core)) {
                    return kernels.get(i).coresPos();
                }
            }
        }
        return fallback;
    }
}
