package io.crosskernel.cli.html;

import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.util.List;
import java.util.stream.Collectors;

/** The report's tables as HTML: the same content {@code xk run} prints as text. Stateless. */
final class ReportTables {
    private ReportTables() {
    }

    static void render(RunReport report, Markup html) {
        kernels(report, html);
        workloads(report, html);
        channels(report, html);
        accounting(report, html);
        expectations(report, html);
    }

    private static void kernels(RunReport report, Markup html) {
        html.element("h2", "Kernels", "id", "kernels");
        html.element("p", "latency: task response time on the kernel (completion minus arrival); late: release "
                + "lateness of the workloads that start on it; util: busy time over wall time across its workers");
        Table table = new Table("kernel", "type", "cores", "pinned", ">tasks", ">failed", ">msgs in", ">msgs out",
                ">p50", ">p99", ">p99.9", ">max", ">late p99", ">util");
        for (KernelReport k : report.kernels()) {
            LatencySummary l = k.latencyNanos();
            table.row(k.name(), k.type(), k.cores().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    k.pinned() ? "yes" : "no", k.tasksCompleted(), k.tasksFailed(), k.messagesIn(),
                    k.messagesOut(), nanos(l, l.p50()), nanos(l, l.p99()), nanos(l, l.p999()), nanos(l, l.max()),
                    nanos(k.latenessNanos(), k.latenessNanos().p99()), Format.percent(k.utilisation()));
        }
        table.render(html);
        for (KernelReport k : report.kernels()) {
            if (!k.details().isEmpty()) {
                html.open("p", "class", "details").element("b", k.name() + ": ");
                html.text(k.details().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
                html.close("p");
            }
        }
    }

    private static void workloads(RunReport report, Markup html) {
        html.element("h2", "Workloads", "id", "workloads");
        html.element("p", "late: first-stage start minus scheduled release; e2e: completion minus release");
        Table table = new Table("workload", "kind", "stages", ">generated", ">completed", ">failed", ">dropped",
                ">misses", ">overruns", ">throughput", ">late p99", ">late max", ">e2e p50", ">e2e p99", ">e2e max");
        Table stages = new Table("workload", ">stage", "kernel", ">p50", ">p99", ">p99.9", ">max");
        for (WorkloadReport w : report.workloads()) {
            LatencySummary l = w.e2eNanos();
            LatencySummary late = w.latenessNanos();
            table.row(w.name(), w.kind() + " " + w.schedule(), String.join(" → ", w.stages()), w.generated(),
                    w.completed(), w.failed(), w.dropped(), w.deadlineMisses(), w.budgetOverruns(),
                    Format.rate(w.throughputPerSecond()), nanos(late, late.p99()), nanos(late, late.max()),
                    nanos(l, l.p50()), nanos(l, l.p99()), nanos(l, l.max()));
            if (w.stageLatencies().size() > 1) {
                for (StageReport stage : w.stageLatencies()) {
                    LatencySummary sl = stage.latencyNanos();
                    stages.row(w.name(), stage.index(), stage.kernel(), nanos(sl, sl.p50()), nanos(sl, sl.p99()),
                            nanos(sl, sl.p999()), nanos(sl, sl.max()));
                }
            }
        }
        table.render(html);
        if (!stages.isEmpty()) {
            html.element("h3", "Pipeline stages");
            html.element("p", "completion minus arrival at the stage's kernel");
            stages.render(html);
        }
    }

    private static void channels(RunReport report, Markup html) {
        html.element("h2", "Channels", "id", "channels");
        if (report.channels().isEmpty()) {
            html.element("p", "none");
            return;
        }
        Table table = new Table("channel", "policy", ">capacity", ">offered", ">delivered", ">rejected",
                ">in flight", ">retried", ">high water", "balanced");
        for (ChannelReport c : report.channels()) {
            table.row(c.from() + " → " + c.to(), c.policy(), c.capacity(), c.offered(), c.delivered(), c.rejected(),
                    c.inFlight(), c.backpressured(), c.highWaterMark(), c.balanced() ? "yes" : "NO");
        }
        table.render(html);
    }

    private static void accounting(RunReport report, Markup html) {
        html.element("h2", "Accounting", "id", "accounting");
        if (report.accounting().balanced()) {
            html.element("p", "balanced: every channel: offered = delivered + rejected + in flight; every request "
                    + "completed, failed or dropped", "class", "pass");
        } else {
            html.element("p", "NOT balanced", "class", "fail");
            list(report.accounting().problems(), html);
        }
        if (report.taskErrors() > 0) {
            html.element("p", "Task errors: " + report.taskErrors() + " (first ones below)", "class", "fail");
            list(report.errorSamples(), html);
        }
        if (report.stalls() > 0) {
            html.element("p", "Stalls: " + report.stalls(), "class", "fail");
        }
        if (!report.announcements().isEmpty()) {
            html.element("h3", "Notes");
            list(report.announcements(), html);
        }
        if (!report.warnings().isEmpty()) {
            html.element("h3", "Warnings", "id", "warnings");
            list(report.warnings(), html);
        }
    }

    private static void expectations(RunReport report, Markup html) {
        html.element("h2", "Expectations", "id", "expectations");
        if (report.expectations().isEmpty()) {
            html.element("p", "none declared");
        } else {
            Table table = new Table("result", "expectation", "actual");
            for (ExpectationResult e : report.expectations()) {
                table.row(e.passed() ? "PASS" : "FAIL", e.expr(), e.actualText());
            }
            table.render(html);
        }
        if (report.failure() != null) {
            html.element("p", "Run FAILED: " + report.failure(), "class", "fail");
        }
    }

    private static void list(List<String> items, Markup html) {
        html.open("ul");
        for (String item : items) {
            html.element("li", item);
        }
        html.close("ul");
    }

    private static String nanos(LatencySummary summary, long value) {
        return summary.count() == 0 ? "-" : Format.latency(value);
    }

    /** An HTML table; a header starting with {@code >} marks a right-aligned (numeric) column, as in TextTable. */
    private static final class Table {
        private final String[] headers;
        private final boolean[] numeric;
        private final Markup body = new Markup();
        private int rows;

        Table(String... headers) {
            this.headers = new String[headers.length];
            this.numeric = new boolean[headers.length];
            for (int i = 0; i < headers.length; i++) {
                numeric[i] = headers[i].startsWith(">");
                this.headers[i] = numeric[i] ? headers[i].substring(1) : headers[i];
            }
        }

        void row(Object... cells) {
            if (cells.length != headers.length) {
                throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
            }
            body.open("tr");
            for (int i = 0; i < cells.length; i++) {
                String text = String.valueOf(cells[i]);
                body.element("td", text, "class", numeric[i] ? "n" : cellClass(text));
            }
            body.close("tr");
            rows++;
        }

        private static String cellClass(String text) {
            return switch (text) {
                case "PASS" -> "pass";
                case "FAIL", "NO" -> "fail";
                default -> null;
            };
        }

        boolean isEmpty() {
            return rows == 0;
        }

        void render(Markup html) {
            html.open("table").open("thead").open("tr");
            for (int i = 0; i < headers.length; i++) {
                html.element("th", headers[i], "class", numeric[i] ? "n" : null);
            }
            html.close("tr").close("thead").open("tbody").raw(body.toString()).close("tbody").close("table")
                    .newline();
        }
    }
}
