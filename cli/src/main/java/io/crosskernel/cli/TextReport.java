package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.cli.tables.DetailsModel;
import io.crosskernel.cli.tables.ReportTableModel;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.ShardGroupReport;
import io.crosskernel.hypervisor.report.SimulationInfo;
import java.util.stream.Collectors;

/** Renders a {@link RunReport} as the tables {@code xk run} prints. */
final class TextReport {
    private static final ReportTableModel.CellStyle STYLE =
            new ReportTableModel.CellStyle(" -> ", Units::formatNanos, Units::formatRate);

    private TextReport() {
    }

    static String render(RunReport report) {
        StringBuilder text = new StringBuilder();
        text.append("Report: ").append(report.scenario())
                .append(", ran ").append(Units.formatNanos(report.durationNanos()))
                .append(report.warmupNanos() > 0
                        ? " (latencies after the " + Units.formatNanos(report.warmupNanos()) + " warm-up)" : "")
                .append(", seed ").append(report.seed()).append('\n');
        SimulationInfo sim = report.simulation();
        if (sim != null) {
            text.append("mode: simulated (virtual time); calibration: ").append(sim.calibration())
                    .append("; hop ").append(sim.hopLatency()).append("; idle ").append(sim.idleWakeUp())
                    .append("; noise: ")
                    .append(sim.noise() == null ? "none (quiet cores)" : sim.noise() + " (" + sim.hiccups()
                            + " hiccups, " + Units.formatNanos(sim.lostNanos()) + " lost)")
                    .append('\n');
            for (String fault : sim.faults()) {
                text.append("  fault: ").append(fault).append('\n');
            }
            if (sim.droppedByFaults() > 0) {
                text.append("  messages dropped by faults: ").append(sim.droppedByFaults()).append('\n');
            }
            for (String ingress : sim.ingressLines()) {
                text.append("  ").append(ingress).append('\n');
            }
            for (String kernel : sim.crashedKernels()) {
                text.append("  kernel ").append(kernel).append(" crashed (injected): what it held is in flight\n");
            }
        }

        text.append("\nKernels (latency: task response time on the kernel)\n")
                .append(table(ReportTableModel.kernels(report, STYLE)));
        for (KernelReport k : report.kernels()) {
            String line = DetailsModel.line(k, STYLE);
            if (!line.isEmpty()) {
                text.append("  ").append(k.name()).append(": ").append(line).append('\n');
            }
        }
        for (KernelReport k : report.kernels()) {
            for (DetailsModel.Titled details : DetailsModel.tables(k, STYLE)) {
                text.append('\n').append(details.title()).append('\n').append(table(details.table()));
            }
        }

        text.append("\nWorkloads (late: first-stage start minus scheduled release; e2e: completion minus release)\n")
                .append(table(ReportTableModel.workloads(report, STYLE)));
        ReportTableModel.Table stages = ReportTableModel.stages(report, STYLE);
        if (!stages.isEmpty()) {
            text.append("\nPipeline stages (completion minus arrival at the stage's kernel)\n").append(table(stages));
        }

        if (!report.shardGroups().isEmpty()) {
            text.append("\nShard groups (skew: the busiest shard's requests over the mean; verified: keys read back"
                    + " from their owning shard at the end)\n").append(table(ReportTableModel.shardGroups(report)));
            ReportTableModel.Table reshards = ReportTableModel.reshards(report, STYLE);
            if (!reshards.isEmpty()) {
                text.append("\nLive reshards (keys moved: values copied to their new owner; parked: requests held"
                        + " until their key's state arrived; p50/p99 during: release to task start of the requests"
                        + " released during the move, slowest shard; reordered: writes applied after a later one of"
                        + " their key)\n").append(table(reshards));
            }
            for (ShardGroupReport group : report.shardGroups()) {
                text.append('\n').append(group.group()).append(": shards (share of the group's requests; latency:"
                        + " task response time)\n").append(table(ReportTableModel.shards(group, STYLE)));
                if (!group.hotKeys().isEmpty()) {
                    text.append('\n').append(group.group()).append(": hottest keys (Space-Saving sketch per shard:"
                            + " a count is at most its error above the true count)\n")
                            .append(table(ReportTableModel.hotKeys(group)));
                }
            }
        }

        ReportTableModel.Table misses = ReportTableModel.missesByCause(report);
        if (!misses.isEmpty()) {
            text.append("\nDeadline misses by cause (collector > platform > overrun > scheduling;"
                    + " only scheduling is the runtime's)\n").append(table(misses));
        }
        text.append("\nHiccups (gaps in a worker's clock readings: time it wanted to run and did not)\n")
                .append(table(ReportTableModel.hiccups(report, STYLE)));

        if (report.channels().isEmpty()) {
            text.append("\nChannels: none\n");
        } else {
            text.append("\nChannels\n").append(table(ReportTableModel.channels(report, STYLE)));
        }

        text.append("\nAccounting: ");
        if (report.accounting().balanced()) {
            text.append("balanced - ").append(ReportTableModel.BALANCED_MEANS).append('\n');
        } else {
            text.append("NOT balanced\n");
            for (String problem : report.accounting().problems()) {
                text.append("  ").append(problem).append('\n');
            }
        }
        for (KernelReport k : report.kernels()) {
            if (k.pid() != null) {
                text.append("Kernel '").append(k.name()).append("' ran in process ").append(k.pid())
                        .append(", collector ").append(k.collector() == null ? "unknown" : k.collector()).append('\n');
            }
        }
        if (!report.kernelFailures().isEmpty()) {
            text.append("\nKernel failures (onKernelFailure: what the host did)\n");
            for (String line : ReportTableModel.kernelFailureLines(report)) {
                text.append("  ").append(line).append('\n');
            }
        }
        if (report.taskErrors() > 0) {
            text.append("Task errors: ").append(report.taskErrors()).append(" (first ones below)\n");
            for (String sample : report.errorSamples()) {
                text.append("  ").append(sample).append('\n');
            }
        }
        if (report.stalls() > 0) {
            text.append("Stalls: ").append(report.stalls()).append('\n');
        }
        for (String announcement : report.announcements()) {
            text.append("note: ").append(announcement).append('\n');
        }
        for (String warning : report.warnings()) {
            text.append("warning: ").append(warning).append('\n');
        }
        if (!report.expectations().isEmpty()) {
            text.append("\nExpectations\n");
            for (ExpectationResult e : report.expectations()) {
                text.append("  ").append(e.passed() ? "PASS  " : "FAIL  ").append(e.expr())
                        .append("   (actual ").append(e.actualText()).append(")\n");
            }
        }
        if (report.failure() != null) {
            text.append("\nRun FAILED: ").append(report.failure()).append('\n');
        }
        if (report.interrupted() != null) {
            text.append('\n').append(report.interrupted().describe()).append('\n');
        }
        return text.toString();
    }

    static String stages(Route route) {
        return route.stages().stream().map(TextReport::stage).collect(Collectors.joining(" -> "));
    }

    private static String stage(Stage stage) {
        if (stage.op() != StageOp.SPIN) {
            return stage.kernelName() + "(" + stage.op() + " " + stage.sizeBytes() + "B)";
        }
        return stage.kernelName() + "(" + Units.formatNanos(stage.costNanos()) + ")";
    }

    private static String table(ReportTableModel.Table model) {
        TextTable table = new TextTable(model.headers().toArray(String[]::new));
        model.rows().forEach(row -> table.row(row.toArray()));
        return table.render("  ");
    }
}
