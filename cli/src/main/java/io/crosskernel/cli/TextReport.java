package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link RunReport} as the tables {@code xk run} prints. */
final class TextReport {
    private TextReport() {
    }

    static String render(RunReport report) {
        StringBuilder text = new StringBuilder();
        text.append("Report: ").append(report.scenario())
                .append(", ran ").append(Units.formatNanos(report.durationNanos()))
                .append(report.warmupNanos() > 0
                        ? " (latencies after the " + Units.formatNanos(report.warmupNanos()) + " warm-up)" : "")
                .append(", seed ").append(report.seed()).append('\n');

        TextTable kernels = new TextTable("kernel", "type", "cores", "pinned", ">tasks", ">failed", ">msgs in",
                ">msgs out", ">p50", ">p99", ">p99.9", ">max", ">late p99", ">util");
        for (KernelReport k : report.kernels()) {
            LatencySummary l = k.latencyNanos();
            kernels.row(k.name(), k.type(), cores(k.cores()), k.pinned() ? "yes" : "no", k.tasksCompleted(),
                    k.tasksFailed(), k.messagesIn(), k.messagesOut(), nanos(l, l.p50()), nanos(l, l.p99()),
                    nanos(l, l.p999()), nanos(l, l.max()), nanos(k.latenessNanos(), k.latenessNanos().p99()),
                    percent(k.utilisation()));
        }
        text.append("\nKernels (latency: task response time on the kernel)\n").append(kernels.render("  "));
        for (KernelReport k : report.kernels()) {
            if (!k.details().isEmpty()) {
                text.append("  ").append(k.name()).append(": ");
                StringBuilder line = new StringBuilder();
                k.details().forEach((key, value) -> line.append(line.length() == 0 ? "" : ", ").append(key)
                        .append(' ').append(value));
                text.append(line).append('\n');
            }
        }

        TextTable workloads = new TextTable("workload", "kind", "stages", ">generated", ">completed", ">failed",
                ">dropped", ">misses", ">overruns", ">throughput", ">late p99", ">late max", ">e2e p50", ">e2e p99",
                ">e2e max");
        TextTable stages = new TextTable("workload", ">stage", "kernel", ">p50", ">p99", ">p99.9", ">max");
        for (WorkloadReport w : report.workloads()) {
            LatencySummary l = w.e2eNanos();
            LatencySummary late = w.latenessNanos();
            workloads.row(w.name(), w.kind() + " " + w.schedule(), String.join(" -> ", w.stages()), w.generated(),
                    w.completed(), w.failed(), w.dropped(), w.deadlineMisses(), w.budgetOverruns(),
                    Units.formatRate(w.throughputPerSecond()), nanos(late, late.p99()), nanos(late, late.max()),
                    nanos(l, l.p50()), nanos(l, l.p99()), nanos(l, l.max()));
            if (w.stageLatencies().size() > 1) {
                for (StageReport stage : w.stageLatencies()) {
                    LatencySummary sl = stage.latencyNanos();
                    stages.row(w.name(), stage.index(), stage.kernel(), nanos(sl, sl.p50()), nanos(sl, sl.p99()),
                            nanos(sl, sl.p999()), nanos(sl, sl.max()));
                }
            }
        }
        text.append("\nWorkloads (late: first-stage start minus scheduled release; e2e: completion minus release)\n")
                .append(workloads.render("  "));
        if (report.workloads().stream().anyMatch(w -> w.stageLatencies().size() > 1)) {
            text.append("\nPipeline stages (completion minus arrival at the stage's kernel)\n")
                    .append(stages.render("  "));
        }

        if (report.channels().isEmpty()) {
            text.append("\nChannels: none\n");
        } else {
            TextTable channels = new TextTable("channel", "policy", ">capacity", ">offered", ">delivered",
                    ">rejected", ">in flight", ">retried", ">high water", "balanced");
            for (ChannelReport c : report.channels()) {
                channels.row(c.from() + " -> " + c.to(), c.policy(), c.capacity(), c.offered(), c.delivered(),
                        c.rejected(), c.inFlight(), c.backpressured(), c.highWaterMark(), c.balanced() ? "yes" : "NO");
            }
            text.append("\nChannels\n").append(channels.render("  "));
        }

        text.append("\nAccounting: ");
        if (report.accounting().balanced()) {
            text.append("balanced - every channel: offered = delivered + rejected + in flight; every request "
                    + "completed, failed or dropped\n");
        } else {
            text.append("NOT balanced\n");
            for (String problem : report.accounting().problems()) {
                text.append("  ").append(problem).append('\n');
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
        return text.toString();
    }

    static String stages(Route route) {
        return route.stages().stream().map(TextReport::stage).collect(Collectors.joining(" -> "));
    }

    private static String stage(Stage stage) {
        if (!stage.op().equals(Stage.SPIN)) {
            return stage.kernelName() + "(" + stage.op() + " " + stage.sizeBytes() + "B)";
        }
        return stage.kernelName() + "(" + Units.formatNanos(stage.costNanos()) + ")";
    }

    private static String cores(List<Integer> cores) {
        return cores.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String nanos(LatencySummary summary, long value) {
        return summary.count() == 0 ? "-" : Units.formatNanos(value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
