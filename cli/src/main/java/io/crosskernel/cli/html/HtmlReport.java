package io.crosskernel.cli.html;

import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code xk run --html-report}: the run as one self-contained HTML file: a header, three inline SVG charts (latency
 * percentile curves, utilisation over time, throughput over time) and the report's tables. No scripts, fonts,
 * images or style sheets are loaded from anywhere; every text from the scenario is escaped. The markup is also
 * well-formed XML (self-closed void elements, only XML's own character references).
 *
 * <p>Stateless; the histograms in the recordings are only read.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 24px; color: #222222; background: #ffffff; max-width: 1240px; }
            h1 { font-size: 22px; margin-bottom: 8px; }
            h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #cccccc; }
            h3 { font-size: 15px; }
            table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
            th, td { border: 1px solid #d0d0d0; padding: 3px 8px; text-align: left; }
            th { background: #f2f2f2; }
            .n { text-align: right; font-variant-numeric: tabular-nums; }
            .pass { color: #1a7f37; font-weight: bold; }
            .fail { color: #b00020; font-weight: bold; }
            .meta th { background: none; border: none; padding: 1px 12px 1px 0; }
            .meta td { border: none; padding: 1px 0; }
            .chart { display: block; margin: 8px 0 4px 0; }
            p { font-size: 14px; }
            p.explain { font-size: 13px; color: #444444; max-width: 960px; }
            """;

    private HtmlReport() {
    }

    /**
     * Writes the report to {@code file} (UTF-8) whole or not at all ({@link AtomicFile}), creating its parent
     * directories.
     */
    public static void write(RunReport report, RunRecordings recordings, ReportHeader header, Path file) {
        AtomicFile.writeString("the HTML report", file, render(report, recordings, header));
    }

    /** The whole document. */
    public static String render(RunReport report, RunRecordings recordings, ReportHeader header) {
        Markup html = openPage("crosskernel report: " + report.scenario());
        header(report, header, html);

        html.element("h2", "Latency percentiles", "id", "latency");
        html.element("p", "Each line is a latency distribution, read like HdrHistogram's plotter: at x = 99% the "
                + "line shows the latency that 99% of requests stayed within (1 in 100 took longer). Each step "
                + "to the right is ten times rarer. Solid: task response time per kernel; dashed: end-to-end "
                + "latency per workload route. Recorded after the warm-up.", "class", "explain");
        html.raw(latencyChart(report, recordings)).newline();

        html.element("h2", "Utilisation over time", "id", "utilisation");
        html.element("p", "Share of each kernel's worker time spent in duty cycles that did work, per sampling "
                + "interval (100% = every worker busy all the time).", "class", "explain");
        html.raw(utilisationChart(report, recordings.timeline())).newline();

        html.element("h2", "Throughput over time", "id", "throughput");
        html.element("p", "Requests completed per second per workload route, per sampling interval.",
                "class", "explain");
        html.raw(throughputChart(report, recordings.timeline())).newline();

        ReportTables.render(report, html);
        return closePage(html);
    }

    /**
     * A page of the project's self-contained HTML (this report, {@link SweepPage}) up to its open {@code <body>}:
     * the doctype, the head with its title and the one inline style sheet. Close it with {@link #closePage}.
     */
    static Markup openPage(String title) {
        Markup html = new Markup();
        html.raw("<!DOCTYPE html>\n");
        html.open("html", "lang", "en").newline();
        html.open("head").empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title)
                .open("style").text(STYLE).close("style").close("head").newline();
        html.open("body").newline();
        return html;
    }

    /** Closes what {@link #openPage} opened; returns the document. */
    static String closePage(Markup html) {
        html.close("body").newline().close("html").newline();
        return html.toString();
    }

    private static void header(RunReport report, ReportHeader header, Markup html) {
        html.element("h1", "crosskernel run report: " + report.scenario());
        html.open("table", "class", "meta").open("tbody");
        meta(html, "scenario", report.scenario() + (report.file() == null ? "" : " (" + report.file() + ")"));
        meta(html, "date", header.generatedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        meta(html, "duration", Format.latency(report.durationNanos()) + " measured run time"
                + (report.warmupNanos() > 0 ? ", latencies after a " + Format.latency(report.warmupNanos())
                        + " warm-up" : "") + ", seed " + report.seed());
        meta(html, "machine", header.machine());
        meta(html, "crosskernel", header.version());
        html.open("tr").element("th", "verdict");
        String verdict = verdict(report);
        html.element("td", verdict, "class", verdict.startsWith("ok") ? "pass" : "fail").close("tr");
        html.close("tbody").close("table").newline();
    }

    private static String verdict(RunReport report) {
        if (report.interrupted() != null) {
            return report.interrupted().describe() + (report.failure() != null ? "; FAILED: " + report.failure() : "");
        }
        if (report.failure() != null) {
            return "FAILED: " + report.failure();
        }
        if (!report.accounting().balanced()) {
            return "FAILED: accounting did not balance";
        }
        return report.expectationsPassed() ? "ok" + (report.expectations().isEmpty() ? ""
                : ", every expectation passed") : "an expectation FAILED";
    }

    static void meta(Markup html, String name, String value) {
        html.open("tr").element("th", name).element("td", value).close("tr");
    }

    /** Percentile curves: one solid line per kernel's task latency, one dashed line per route's end to end. */
    static String latencyChart(RunReport report, RunRecordings recordings) {
        List<String> kernels = report.kernels().stream().map(KernelReport::name).toList();
        List<String> routes = report.workloads().stream().map(WorkloadReport::name).toList();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Map<String, Histogram> family : List.of(recordings.kernelLatency(), recordings.routeEndToEnd())) {
            for (Histogram histogram : family.values()) {
                if (histogram.getTotalCount() > 0) {
                    min = Math.min(min, histogram.getMinValue());
                    max = Math.max(max, histogram.getMaxValue());
                }
            }
        }
        LineChart chart = new LineChart("Latency by percentile", Axis.percentiles(PercentileCurve.NINES),
                Axis.decades("latency (log scale)", max == 0 ? 1 : min, max == 0 ? 1000 : max, Format::latency));
        int fallback = 0;
        for (Map.Entry<String, Histogram> entry : recordings.kernelLatency().entrySet()) {
            chart.add(new Series("kernel " + entry.getKey(), Palette.kernel(index(kernels, entry.getKey(),
                    fallback++), Palette.Chart.LATENCY), false, PercentileCurve.points(entry.getValue())));
        }
        fallback = 0;
        for (Map.Entry<String, Histogram> entry : recordings.routeEndToEnd().entrySet()) {
            chart.add(new Series("route " + entry.getKey() + " (e2e)", Palette.route(index(routes, entry.getKey(),
                    fallback++), Palette.Chart.LATENCY), true, PercentileCurve.points(entry.getValue())));
        }
        return chart.render();
    }

    /** Per kernel, busy percentage per sampling interval. */
    static String utilisationChart(RunReport report, List<MetricsSample> timeline) {
        List<String> kernels = report.kernels().stream().map(KernelReport::name).toList();
        Axis y = Axis.linear("utilisation (%)", 100, value -> Format.number(value) + "%");
        LineChart chart = new LineChart("Utilisation per kernel", timeAxis(timeline), y);
        phases(report, timeline, chart);
        int fallback = 0;
        for (Map.Entry<String, List<Series.Point>> entry : Timelines.utilisationPercent(timeline).entrySet()) {
            chart.add(new Series(entry.getKey(), Palette.kernel(index(kernels, entry.getKey(), fallback++),
                    Palette.Chart.UTILISATION), false, entry.getValue()));
        }
        return chart.render();
    }

    /** Per route, completed requests per second per sampling interval. */
    static String throughputChart(RunReport report, List<MetricsSample> timeline) {
        List<String> routes = report.workloads().stream().map(WorkloadReport::name).toList();
        Map<String, List<Series.Point>> completed = Timelines.completedPerSecond(timeline);
        LineChart chart = new LineChart("Throughput per route", timeAxis(timeline),
                Axis.linear("requests completed per second", Timelines.maxY(completed), Format::rate));
        phases(report, timeline, chart);
        int fallback = 0;
        for (Map.Entry<String, List<Series.Point>> entry : completed.entrySet()) {
            chart.add(new Series(entry.getKey(), Palette.route(index(routes, entry.getKey(), fallback++),
                    Palette.Chart.THROUGHPUT), false, entry.getValue()));
        }
        return chart.render();
    }

    private static Axis timeAxis(List<MetricsSample> timeline) {
        return Axis.linear("time since the workload started (s)", Timelines.lastSeconds(timeline),
                value -> Format.number(value) + " s");
    }

    /** Marks where the warm-up ended and where the drain began. */
    private static void phases(RunReport report, List<MetricsSample> timeline, LineChart chart) {
        if (timeline.isEmpty()) {
            return;
        }
        if (report.warmupNanos() > 0) {
            chart.marker(report.warmupNanos() / 1e9, "warm-up ends");
        }
        long total = timeline.get(timeline.size() - 1).totalNanos();
        if (total > 0 && total < timeline.get(timeline.size() - 1).elapsedNanos()) {
            chart.marker(total / 1e9, "drain");
        }
    }

    private static int index(List<String> names, String name, int fallback) {
        int index = names.indexOf(name);
        return index >= 0 ? index : fallback;
    }
}
