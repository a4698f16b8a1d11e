package io.crosskernel.cli.sweep;

import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load a scenario offers, from its file alone (so a point that does not run still has one): per workload, the
 * requests its source releases over the run ({@code ArrivalSchedule.expectedArrivals}: exact for periodic, constant
 * and burst sources, the mean for Poisson ones) per second of warm-up plus duration; and the CPU time those requests'
 * stages ask for ({@code cost:}) over all the kernels' cores. Data operations ({@code op: compress}, ...) cost what
 * they take, which the file does not say: they count as their {@code cost:}, usually 0. Immutable.
 *
 * @param perWorkload requests per second by workload, in scenario order
 * @param utilisation CPU time asked for per second over the kernels' cores (1 = every core busy)
 */
public record OfferedLoad(Map<String, Double> perWorkload, double utilisation) {
    public OfferedLoad {
        perWorkload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perWorkload));
    }

    /** The load {@code scenario} offers over its warm-up plus duration. */
    public static OfferedLoad of(Scenario scenario) {
        long runNanos = scenario.warmupNanos() + scenario.durationNanos();
        Map<String, Double> rates = new LinkedHashMap<>();
        double cpuNanosPerSecond = 0;
        for (WorkloadDecl workload : scenario.workloads()) {
            double rate = workload.schedule().expectedArrivals(runNanos) * 1e9 / runNanos;
            rates.put(workload.name(), rate);
            long cost = 0;
            for (Stage stage : workload.route().stages()) {
                cost += stage.costNanos();
            }
            cpuNanosPerSecond += rate * cost;
        }
        int cores = 0;
        for (KernelDecl kernel : scenario.kernels()) {
            cores += kernel.cores().size();
        }
        return new OfferedLoad(rates, cores == 0 ? 0 : cpuNanosPerSecond / 1e9 / cores);
    }

    /** Requests per second over all workloads. */
    public double perSecond() {
        double sum = 0;
        for (double rate : perWorkload.values()) {
            sum += rate;
        }
        return sum;
    }
}
