package io.crosskernel.cli.html;

import io.crosskernel.cli.tables.DetailsModel;
import io.crosskernel.cli.tables.ReportTableModel;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import java.util.List;

/** The report's tables as HTML: the same content {@code xk run} prints as text. Stateless. */
final class ReportTables {
    private static final ReportTableModel.CellStyle STYLE =
            new ReportTableModel.CellStyle(" → ", Format::latency, Format::rate);

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
        new Table(ReportTableModel.kernels(report, STYLE)).render(html);
        for (KernelReport k : report.kernels()) {
            String line = DetailsModel.line(k, STYLE);
            if (!line.isEmpty()) {
                html.open("p", "class", "details").element("b", k.name() + ": ");
                html.text(line);
                html.close("p");
            }
        }
        for (KernelReport k : report.kernels()) {
            for (DetailsModel.Titled details : DetailsModel.tables(k, STYLE)) {
                html.element("h3", details.title());
                new Table(details.table()).render(html);
            }
        }
    }

    private static void workloads(RunReport report, Markup html) {
        html.element("h2", "Workloads", "id", "workloads");
        html.element("p", "late: first-stage start minus scheduled release; e2e: completion minus release");
        new Table(ReportTableModel.workloads(report, STYLE)).render(html);
        ReportTableModel.Table stages = ReportTableModel.stages(report, STYLE);
        if (!stages.isEmpty()) {
            html.element("h3", "Pipeline stages");
            html.element("p", "completion minus arrival at the stage's kernel");
            new Table(stages).render(html);
        }
        if (!report.shardGroups().isEmpty()) {
            html.element("h3", "Shard groups");
            html.element("p", "skew: the busiest shard's requests over the mean per shard (1 is an even spread);"
                    + " verified: keys read back from their owning shard at the end of the run");
            new Table(ReportTableModel.shardGroups(report)).render(html);
            ReportTableModel.Table reshards = ReportTableModel.reshards(report, STYLE);
            if (!reshards.isEmpty()) {
                html.element("h3", "Live reshards");
                html.element("p", "keys moved: values copied to their new owner; parked: requests held until their"
                        + " key's state arrived; p50/p99 during: release to task start of the requests released"
                        + " during the move, on the slowest shard; reordered: writes applied after a later write of"
                        + " their key (verify)");
                new Table(reshards).render(html);
            }
            for (io.crosskernel.hypervisor.report.ShardGroupReport group : report.shardGroups()) {
                html.element("h3", group.group() + ": shards");
                new Table(ReportTableModel.shards(group, STYLE)).render(html);
                if (!group.hotKeys().isEmpty()) {
                    html.element("h3", group.group() + ": hottest keys");
                    html.element("p", "a Space-Saving sketch per shard: a count is at most its error above the"
                            + " true count");
                    new Table(ReportTableModel.hotKeys(group)).render(html);
                }
            }
        }
        ReportTableModel.Table misses = ReportTableModel.missesByCause(report);
        if (!misses.isEmpty()) {
            html.element("h3", "Deadline misses by cause");
            html.element("p", "one cause per miss, the first whose evidence overlaps it: collector (a GC pause), "
                    + "platform (a hiccup of the worker), overrun (the job ran past its budget), scheduling (the "
                    + "kernel ran other work first: the only cause that is the runtime's)");
            new Table(misses).render(html);
        }
        html.element("h3", "Hiccups");
        html.element("p", "gaps above the threshold between two clock readings of a worker: time it wanted to run "
                + "and did not; lost/s is per worker");
        new Table(ReportTableModel.hiccups(report, STYLE)).render(html);
    }

    private static void channels(RunReport report, Markup html) {
        html.element("h2", "Channels", "id", "channels");
        if (report.channels().isEmpty()) {
            html.element("p", "none");
            return;
        }
        new Table(ReportTableModel.channels(report, STYLE)).render(html);
    }

    private static void accounting(RunReport report, Markup html) {
        html.element("h2", "Accounting", "id", "accounting");
        if (report.accounting().balanced()) {
            html.element("p", "balanced: " + ReportTableModel.BALANCED_MEANS, "class", "pass");
        } else {
            html.element("p", "NOT balanced", "class", "fail");
            list(report.accounting().problems(), html);
        }
        List<String> failures = ReportTableModel.kernelFailureLines(report);
        if (!failures.isEmpty()) {
            html.element("h3", "Kernel failures");
            html.element("p", "kernels in processes of their own that died or stopped, and what the host did"
                    + " (host.onKernelFailure)", "class", "fail");
            list(failures, html);
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
            List<List<String>> rows = report.expectations().stream()
                    .map(e -> List.of(e.passed() ? "PASS" : "FAIL", e.expr(), e.actualText())).toList();
            new Table(new ReportTableModel.Table(List.of("result", "expectation", "actual"), rows)).render(html);
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

    /** An HTML table of one model table; a {@code >} header marks a right-aligned (numeric) column. */
    private static final class Table {
        private final ReportTableModel.Table model;

        Table(ReportTableModel.Table model) {
            this.model = model;
        }

        private static boolean numeric(String header) {
            return header.startsWith(">");
        }

        private static String cellClass(String text) {
            return switch (text) {
                case "PASS" -> "pass";
                case "FAIL", "NO" -> "fail";
                default -> null;
            };
        }

        void render(Markup html) {
            List<String> headers = model.headers();
            html.open("table").open("thead").open("tr");
            for (String header : headers) {
                html.element("th", numeric(header) ? header.substring(1) : header, "class",
                        numeric(header) ? "n" : null);
            }
            html.close("tr").close("thead").open("tbody");
            for (List<String> row : model.rows()) {
                html.open("tr");
                for (int i = 0; i < row.size(); i++) {
                    String text = row.get(i);
                    html.element("td", text, "class", numeric(headers.get(i)) ? "n" : cellClass(text));
                }
                html.close("tr");
            }
            html.close("tbody").close("table").newline();
        }
    }
}
