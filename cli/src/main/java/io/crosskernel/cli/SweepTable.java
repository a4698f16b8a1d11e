package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.cli.sweep.PointResult;
import io.crosskernel.cli.sweep.ScenarioCurve;
import io.crosskernel.cli.sweep.SweepResult;
import io.crosskernel.cli.sweep.WorkloadFigures;
import java.util.Locale;

/**
 * {@code xk sweep}'s table: one row per point, scenario and workload (points interleaved as they ran), with the
 * value, the offered load, the end-to-end p50/p99/p99.9, the miss rate, the requests completed and the point's status.
 * Stateless.
 */
final class SweepTable {
    private SweepTable() {
    }

    static String render(SweepResult sweep) {
        TextTable table = new TextTable("scenario", ">value", ">offered", "workload", ">p50", ">p99", ">p99.9",
                ">miss rate", ">completed", "status");
        int points = sweep.curves().get(0).points().size();
        for (int i = 0; i < points; i++) {
            for (ScenarioCurve curve : sweep.curves()) {
                PointResult point = curve.points().get(i);
                String offered = Units.formatRate(point.offeredPerSecond())
                        + String.format(Locale.ROOT, " (%.0f%%)", point.offeredUtilisation() * 100);
                String status = point.status().alias() + (point.exitCode() >= 0 ? " (" + point.exitCode() + ")"
                        : "");
                if (point.workloads().isEmpty()) {
                    table.row(curve.name(), point.value(), offered, "-", "-", "-", "-", "-", "-", status);
                }
                for (WorkloadFigures w : point.workloads()) {
                    boolean measured = w.latencyCount() > 0;
                    table.row(curve.name(), point.value(), offered, w.name(),
                            measured ? Units.formatNanos(w.p50Nanos()) : "-",
                            measured ? Units.formatNanos(w.p99Nanos()) : "-",
                            measured ? Units.formatNanos(w.p999Nanos()) : "-",
                            w.missRate() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", w.missRate() * 100),
                            w.completed(), status);
                }
            }
        }
        return table.render("");
    }
}
