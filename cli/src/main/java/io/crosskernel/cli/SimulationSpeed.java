package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;

/**
 * The one line {@code xk run --sim} prints about its own speed: virtual time and messages against wall time. Kept out
 * of the report, which must not depend on the wall clock.
 */
final class SimulationSpeed {
    private SimulationSpeed() {
    }

    static String describe(RunReport report, long wallNanos) {
        long requests = 0;
        for (WorkloadReport workload : report.workloads()) {
            requests += workload.generated();
        }
        long messages = report.channels().stream().mapToLong(c -> c.delivered()).sum();
        double seconds = Math.max(1, wallNanos) / 1e9;
        return "simulated " + Units.formatNanos(report.durationNanos()) + " of virtual time in "
                + Units.formatNanos(wallNanos) + " of wall time (" + String.format("%.1f", report.durationNanos() / 1e9
                / seconds) + "x): " + requests + " requests, " + messages + " channel messages ("
                + Units.formatRate(messages / seconds) + " wall), " + report.simulation().events()
                + " duty cycles";
    }
}
