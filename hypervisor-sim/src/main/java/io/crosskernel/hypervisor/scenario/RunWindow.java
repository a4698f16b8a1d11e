package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.Units;
import io.crosskernel.api.workload.ArrivalSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds workloads whose first release falls at or after the end of the run ({@code warmup + duration}): a burst
 * {@code at: 3s} in a 3 s run, a periodic {@code offset} past the end, a slow Poisson stream whose first arrival
 * comes too late. The sources stop at the end of the run, so such a workload releases nothing, and without a
 * warning that looks like a kernel that lost requests. Checked against the duration actually run, so
 * {@code xk run --duration} is covered too.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class RunWindow {
    private RunWindow() {
    }

    static List<ScenarioWarning> check(Scenario scenario) {
        long end = scenario.warmupNanos() + scenario.durationNanos();
        List<ScenarioWarning> warnings = new ArrayList<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            if (workload.route().kind().equals("ingress")) {
                continue; // released by the network, not by a schedule
            }
            long first = workload.schedule().copy().peek();
            if (first == ArrivalSchedule.NO_MORE_ARRIVALS || first < end) {
                continue;
            }
            String runEnd = scenario.warmupNanos() > 0
                    ? Units.formatNanos(end) + " (warm-up " + Units.formatNanos(scenario.warmupNanos())
                            + " + duration " + Units.formatNanos(scenario.durationNanos()) + ")"
                    : Units.formatNanos(end);
            warnings.add(new ScenarioWarning(workload.releasePos(), "workload '" + workload.name() + "' releases"
                    + " nothing: its first " + (workload.route().kind().equals("stream") ? "arrival" : "release")
                    + " at " + Units.formatNanos(first) + " falls at or after the end of the run at " + runEnd,
                    "release it before " + Units.formatNanos(end) + ", or make the run longer"));
        }
        return warnings;
    }
}
