package io.crosskernel.cli.html;

import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.cli.sweep.PointResult;
import io.crosskernel.cli.sweep.ScenarioCurve;
import io.crosskernel.cli.sweep.SweepResult;
import io.crosskernel.cli.sweep.WorkloadFigures;
import io.crosskernel.cli.sweep.XAxis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * {@code xk sweep}'s {@code sweep.html}: the latency-load curves as one self-contained page (inline SVG, no scripts,
 * nothing loaded from anywhere, every scenario text escaped). Per workload, a chart of its end-to-end p50, p99 and
 * p99.9 against the offered load, one line per percentile and scenario; then one chart of every workload's deadline
 * miss rate, one line per workload and scenario. The {@code --against} scenario's lines are dashed. Points without
 * figures (refused, failed) leave gaps out of the lines; the table below the charts lists every point.
 *
 * <p>Stateless. Holds nothing from the wall clock, so the same sweep gives the same page.
 */
public final class SweepPage {
    private static final String[] PERCENTILES = {"p50", "p99", "p99.9"};

    private SweepPage() {
    }

    /** Writes the page to {@code file} whole or not at all ({@link AtomicFile}). */
    public static void write(SweepResult sweep, Path file) {
        AtomicFile.writeString("the sweep chart", file, render(sweep));
    }

    /** The whole document. */
    public static String render(SweepResult sweep) {
        Markup html = HtmlReport.openPage("crosskernel sweep: " + sweep.key());
        html.element("h1", "crosskernel sweep: " + sweep.key());
        html.open("table", "class", "meta").open("tbody");
        HtmlReport.meta(html, "range", sweep.range() + " (" + sweep.spacing() + ", " + sweep.kind().described() + ")");
        HtmlReport.meta(html, "mode", sweep.mode());
        for (ScenarioCurve curve : sweep.curves()) {
            HtmlReport.meta(html, curve.against() ? "against" : "scenario", curve.name() + " (" + curve.file() + ")"
                    + (curve.against() ? ", dashed lines" : ", solid lines"));
        }
        html.close("tbody").close("table").newline();
        html.element("p", "x axis: " + axisTitle(sweep) + ". End-to-end latency is completion minus the scheduled "
                + "release, after the warm-up; the miss rate is deadline misses over requests completed.",
                "class", "explain");

        List<String> workloads = workloadNames(sweep);
        for (String workload : workloads) {
            html.element("h2", "Workload " + workload);
            html.raw(latencyChart(sweep, workload)).newline();
        }
        html.element("h2", "Deadline miss rate");
        html.raw(missRateChart(sweep, workloads)).newline();
        table(sweep, html);
        return HtmlReport.closePage(html);
    }

    /** Every workload of every scenario, the first scenario's first. */
    static List<String> workloadNames(SweepResult sweep) {
        List<String> names = new ArrayList<>();
        for (ScenarioCurve curve : sweep.curves()) {
            for (String name : curve.workloads()) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static String latencyChart(SweepResult sweep, String workload) {
        double min = Double.MAX_VALUE;
        double max = 0;
        List<Series> lines = new ArrayList<>();
        for (ScenarioCurve curve : sweep.curves()) {
            if (!curve.workloads().contains(workload)) {
                continue;
            }
            for (int p = 0; p < PERCENTILES.length; p++) {
                List<Series.Point> points = new ArrayList<>();
                for (PointResult point : curve.points()) {
                    WorkloadFigures figures = figures(point, workload);
                    if (figures != null && figures.latencyCount() > 0) {
                        double y = p == 0 ? figures.p50Nanos() : p == 1 ? figures.p99Nanos() : figures.p999Nanos();
                        points.add(new Series.Point(sweep.xAxis().of(point), y));
                        min = Math.min(min, y);
                        max = Math.max(max, y);
                    }
                }
                lines.add(new Series(curve.name() + " " + PERCENTILES[p], Palette.route(p, Palette.Chart.LATENCY),
                        curve.against(), points));
            }
        }
        LineChart chart = new LineChart(workload + ": end-to-end latency", xAxis(sweep),
                Axis.decades("latency (log scale)", max == 0 ? 1 : min, max == 0 ? 1000 : max, Format::latency));
        lines.forEach(chart::add);
        return chart.render();
    }

    static String missRateChart(SweepResult sweep, List<String> workloads) {
        double max = 0;
        List<Series> lines = new ArrayList<>();
        for (ScenarioCurve curve : sweep.curves()) {
            for (String workload : curve.workloads()) {
                List<Series.Point> points = new ArrayList<>();
                for (PointResult point : curve.points()) {
                    WorkloadFigures figures = figures(point, workload);
                    if (figures != null && figures.missRate() != null) {
                        double y = figures.missRate() * 100;
                        points.add(new Series.Point(sweep.xAxis().of(point), y));
                        max = Math.max(max, y);
                    }
                }
                lines.add(new Series(curve.name() + " " + workload, Palette.route(workloads.indexOf(workload),
                        Palette.Chart.THROUGHPUT), curve.against(), points));
            }
        }
        LineChart chart = new LineChart("Deadline misses per workload", xAxis(sweep),
                Axis.linear("deadline misses (% of completed)", max, value -> Format.number(value) + "%"));
        lines.forEach(chart::add);
        return chart.render();
    }

    private static WorkloadFigures figures(PointResult point, String workload) {
        return point.status().hasFigures() ? point.workload(workload) : null;
    }

    private static Axis xAxis(SweepResult sweep) {
        double max = 0;
        for (ScenarioCurve curve : sweep.curves()) {
            for (PointResult point : curve.points()) {
                max = Math.max(max, sweep.xAxis().of(point));
            }
        }
        DoubleFunction<String> label = switch (sweep.xAxis()) {
            case OFFERED_PER_SECOND -> Format::rate;
            case OFFERED_UTILISATION -> value -> Format.number(value) + "%";
            case VALUE -> switch (sweep.kind()) {
                case DURATION -> Format::latency;
                case RATE -> Format::rate;
                default -> Format::number;
            };
        };
        return Axis.linear(axisTitle(sweep), max, label);
    }

    private static String axisTitle(SweepResult sweep) {
        return sweep.xAxis() == XAxis.VALUE ? sweep.key() + " (" + sweep.kind().described() + ")"
                : sweep.xAxis().title();
    }

    private static void table(SweepResult sweep, Markup html) {
        html.element("h2", "Points");
        html.open("table").open("thead").open("tr");
        for (String heading : new String[] {"scenario", "value", "offered", "workload", "p50", "p99", "p99.9",
                "miss rate", "completed", "status"}) {
            html.element("th", heading);
        }
        html.close("tr").close("thead").open("tbody").newline();
        for (ScenarioCurve curve : sweep.curves()) {
            for (PointResult point : curve.points()) {
                String offered = Format.rate(point.offeredPerSecond()) + " ("
                        + Format.number(point.offeredUtilisation() * 100) + "%)";
                String status = point.status().alias() + (point.problem() == null ? "" : ": " + point.problem());
                if (point.workloads().isEmpty()) {
                    row(html, curve.name(), point.value(), offered, "-", "-", "-", "-", "-", "-", status);
                }
                for (WorkloadFigures w : point.workloads()) {
                    boolean measured = w.latencyCount() > 0;
                    row(html, curve.name(), point.value(), offered, w.name(),
                            measured ? Format.latency(w.p50Nanos()) : "-",
                            measured ? Format.latency(w.p99Nanos()) : "-",
                            measured ? Format.latency(w.p999Nanos()) : "-",
                            w.missRate() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", w.missRate() * 100),
                            Long.toString(w.completed()), status);
                }
            }
        }
        html.close("tbody").close("table").newline();
    }

    private static void row(Markup html, String... cells) {
        html.open("tr");
        for (int i = 0; i < cells.length; i++) {
            boolean figure = i == 1 || i == 2 || (i >= 4 && i <= 8);
            html.element("td", cells[i], "class", figure ? "n" : null);
        }
        html.close("tr").newline();
    }
}
