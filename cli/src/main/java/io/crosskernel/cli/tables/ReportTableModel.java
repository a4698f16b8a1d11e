package io.crosskernel.cli.tables;

import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.HiccupSummary;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MissCauses;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.ShardGroupReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.TaskMisses;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The run report's tables (kernels, workloads, pipeline stages, channels) as column headers and rows of cell text, so
 * that the text report of {@code xk run} and the HTML report show the same columns, each computed in one place. A
 * header starting with {@code >} marks a right-aligned (numeric) column; the renderer strips the marker.
 *
 * <p>Stateless and thread-safe; the tables it returns are immutable.
 */
public final class ReportTableModel {
    private static final List<String> KERNEL_HEADERS = List.of("kernel", "type", "cores", "pinned", ">tasks",
            ">failed", ">msgs in", ">msgs out", ">p50", ">p99", ">p99.9", ">max", ">late p99", ">util");
    private static final List<String> WORKLOAD_HEADERS = List.of("workload", "kind", "stages", ">generated",
            ">completed", ">failed", ">dropped", ">misses", ">overruns", ">throughput", ">late p99", ">late max",
            ">e2e p50", ">e2e p99", ">e2e max");
    private static final List<String> STAGE_HEADERS = List.of("workload", ">stage", "kernel", ">p50", ">p99",
            ">p99.9", ">max");
    private static final List<String> HICCUP_HEADERS = List.of("kernel", ">hiccups", ">p50", ">p99", ">max",
            ">lost/s", ">threshold");
    private static final List<String> MISS_HEADERS = List.of("workload / task", ">misses", ">collector",
            ">platform", ">overrun", ">scheduling", ">unattributed");
    private static final List<String> CHANNEL_HEADERS = List.of("channel", "policy", ">capacity", ">offered",
            ">delivered", ">rejected", ">in flight", ">retried", ">high water", ">sent", ">received", "balanced");
    /** What a balanced run's accounting means, as every report medium says it. */
    public static final String BALANCED_MEANS = "every channel: sent = received + in flight + rejected, with sent and"
            + " received counted by its two kernels; every request completed, failed, dropped or lost in a kernel"
            + " process's crash exactly once";

    /**
     * The kernel failures of a run with process-mode kernels, for people (the text and the HTML report): per failure
     * its line and, indented, what the kernel was doing; then per workload that lost requests in a crash or had them
     * dropped for a failed kernel, those counts. Empty when no kernel failed.
     */
    public static List<String> kernelFailureLines(RunReport report) {
        List<String> lines = new ArrayList<>();
        for (KernelFailure failure : report.kernelFailures()) {
            lines.add(failure.describe());
            lines.add("  it was " + failure.doing());
        }
        if (!lines.isEmpty()) {
            for (WorkloadReport workload : report.workloads()) {
                if (workload.lostInCrash() > 0 || workload.droppedKernelFailed() > 0) {
                    lines.add("workload " + workload.name() + ": lost in crash " + workload.lostInCrash()
                            + ", dropped for a failed kernel " + workload.droppedKernelFailed());
                }
            }
        }
        return lines;
    }

    private ReportTableModel() {
    }

    /**
     * How a medium writes the cells that differ between text and HTML. Immutable.
     *
     * @param arrow   joins the two ends of a channel and the stages of a route, e.g. {@code " -> "}
     * @param latency formats a latency in nanoseconds
     * @param rate    formats a rate per second
     */
    public record CellStyle(String arrow, LongFunction<String> latency, DoubleFunction<String> rate) {
    }

    /**
     * One table: its headers and its rows of cell text, every row as long as the headers. Immutable.
     *
     * @param headers column headers, {@code >} first for a right-aligned column
     * @param rows    the cells of each row, in header order
     */
    public record Table(List<String> headers, List<List<String>> rows) {
        public Table {
            headers = List.copyOf(headers);
            rows = List.copyOf(rows);
            for (List<String> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException(row.size() + " cells for " + headers.size() + " columns");
                }
            }
        }

        /** True when the table has no rows (only its headers). */
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** One row per kernel: its placement, counters, task response time, release lateness and utilisation. */
    public static Table kernels(RunReport report, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (KernelReport k : report.kernels()) {
            LatencySummary l = k.latencyNanos();
            rows.add(cells(k.name(), k.type(), k.cores().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    k.pinned() ? "yes" : "no", k.tasksCompleted(), k.tasksFailed(), k.messagesIn(), k.messagesOut(),
                    nanos(style, l, l.p50()), nanos(style, l, l.p99()), nanos(style, l, l.p999()),
                    nanos(style, l, l.max()), nanos(style, k.latenessNanos(), k.latenessNanos().p99()),
                    percent(k.utilisation())));
        }
        return new Table(KERNEL_HEADERS, rows);
    }

    /** One row per workload: its route, counters, throughput, release lateness and end-to-end latency. */
    public static Table workloads(RunReport report, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadReport w : report.workloads()) {
            LatencySummary l = w.e2eNanos();
            LatencySummary late = w.latenessNanos();
            rows.add(cells(w.name(), w.kind() + " " + w.schedule(), String.join(style.arrow(), w.stages()),
                    w.generated(), w.completed(), w.failed(), w.dropped(), w.deadlineMisses(), w.budgetOverruns(),
                    style.rate().apply(w.throughputPerSecond()), nanos(style, late, late.p99()),
                    nanos(style, late, late.max()), nanos(style, l, l.p50()), nanos(style, l, l.p99()),
                    nanos(style, l, l.max())));
        }
        return new Table(WORKLOAD_HEADERS, rows);
    }

    /** One row per shard group: requests, skew, busiest share, keys, bytes and the read-back check. */
    public static Table shardGroups(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ShardGroupReport g : report.shardGroups()) {
            rows.add(cells(g.group(), g.shards().size(), g.requests(), String.format(java.util.Locale.ROOT, "%.2f",
                    g.skew()), percent(g.maxShare()), g.liveKeys(), io.crosskernel.api.Units.formatBytes(
                    g.writtenBytes()), g.verifiedKeys() == null ? "-" : String.valueOf(g.verifiedKeys()),
                    g.verifyMismatches() == null ? "-" : String.valueOf(g.verifyMismatches())));
        }
        return new Table(List.of("group", ">shards", ">requests", ">skew", ">max share", ">keys", ">written",
                ">verified", ">mismatches"), rows);
    }

    /** One row per shard of {@code group}: its requests, share, keys, bytes, misses and task response time. */
    public static Table shards(ShardGroupReport group, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (ShardGroupReport.Shard s : group.shards()) {
            LatencySummary l = s.latencyNanos();
            rows.add(cells(s.kernel(), s.requests(), percent(s.share()), s.liveKeys(),
                    io.crosskernel.api.Units.formatBytes(s.writtenBytes()), s.misses(), nanos(style, l, l.p50()),
                    nanos(style, l, l.p99())));
        }
        return new Table(List.of("shard", ">requests", ">share", ">keys", ">written", ">misses", ">p50", ">p99"),
                rows);
    }

    /**
     * One row per shard group with a live reshard: shards before and after, when, what moved, how long the move took
     * and the latency of the requests released during it; empty when no group reshards.
     */
    public static Table reshards(RunReport report, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (ShardGroupReport g : report.shardGroups()) {
            ShardGroupReport.Reshard r = g.reshard();
            if (r == null) {
                continue;
            }
            rows.add(cells(g.group(), r.from() + style.arrow() + r.to(), style.latency().apply(r.atNanos()),
                    r.keysMoved(), io.crosskernel.api.Units.formatBytes(r.bytesMoved()), r.tombstonesMoved(),
                    r.parked(), r.durationNanos() < 0 ? "unfinished" : style.latency().apply(r.durationNanos()),
                    r.latencyCount() == 0 ? "-" : style.latency().apply(r.latencyP50Nanos()),
                    r.latencyCount() == 0 ? "-" : style.latency().apply(r.latencyP99Nanos()),
                    g.reorderedWrites() == null ? "-" : String.valueOf(g.reorderedWrites())));
        }
        return new Table(List.of("group", "shards", ">at", ">keys moved", ">bytes moved", ">tombstones", ">parked",
                ">duration", ">p50 during", ">p99 during", ">reordered"), rows);
    }

    /** The hottest keys of {@code group}, hottest first. */
    public static Table hotKeys(ShardGroupReport group) {
        List<List<String>> rows = new ArrayList<>();
        for (ShardGroupReport.HotKey k : group.hotKeys()) {
            rows.add(cells(k.key(), k.count(), k.error(), k.kernel()));
        }
        return new Table(List.of(">key", ">count", ">error", "shard"), rows);
    }

    /** One row per stage of every workload with more than one stage; empty when no workload has. */
    public static Table stages(RunReport report, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadReport w : report.workloads()) {
            if (w.stageLatencies().size() > 1) {
                for (StageReport stage : w.stageLatencies()) {
                    LatencySummary sl = stage.latencyNanos();
                    rows.add(cells(w.name(), stage.index(), stage.kernel(), nanos(style, sl, sl.p50()),
                            nanos(style, sl, sl.p99()), nanos(style, sl, sl.p999()), nanos(style, sl, sl.max())));
                }
            }
        }
        return new Table(STAGE_HEADERS, rows);
    }

    /**
     * One row per kernel: its workers' hiccups (gaps above the threshold between two clock readings): count, length
     * percentiles, time lost per second of run per worker, and the threshold.
     */
    public static Table hiccups(RunReport report, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (KernelReport k : report.kernels()) {
            HiccupSummary h = k.hiccups();
            boolean any = h.count() > 0;
            rows.add(cells(k.name(), h.count(), any ? style.latency().apply(h.p50Nanos()) : "-",
                    any ? style.latency().apply(h.p99Nanos()) : "-", any ? style.latency().apply(h.maxNanos()) : "-",
                    style.latency().apply(Math.round(h.lostNanosPerSecond())),
                    style.latency().apply(h.thresholdNanos())));
        }
        return new Table(HICCUP_HEADERS, rows);
    }

    /**
     * Deadline misses by cause: one row per workload with a deadline, then one per realtime task
     * ({@code kernel/task}) that missed; empty when nothing had a deadline.
     */
    public static Table missesByCause(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (WorkloadReport w : report.workloads()) {
            if (w.deadlineNanos() != null) {
                rows.add(missRow(w.name(), w.deadlineMisses(), w.missesByCause()));
            }
        }
        for (KernelReport k : report.kernels()) {
            for (TaskMisses t : k.taskMisses()) {
                rows.add(missRow(k.name() + "/" + t.task(), t.misses(), t.byCause()));
            }
        }
        return new Table(MISS_HEADERS, rows);
    }

    private static List<String> missRow(String name, long misses, MissCauses c) {
        return cells(name, misses, c.collector(), c.platform(), c.overrun(), c.scheduling(), c.unattributed());
    }

    /**
     * One row per channel: its ends, policy, capacity, the channel's own counters, the counts its two kernels kept
     * and whether they agree.
     */
    public static Table channels(RunReport report, CellStyle style) {
        List<List<String>> rows = new ArrayList<>();
        for (ChannelReport c : report.channels()) {
            rows.add(cells(c.from() + style.arrow() + c.to(), c.policy(), c.capacity(), c.offered(), c.delivered(),
                    c.rejected(), c.inFlight(), c.backpressured(), c.highWaterMark(), c.sent(), c.received(),
                    c.balanced() ? "yes" : "NO"));
        }
        return new Table(CHANNEL_HEADERS, rows);
    }

    private static List<String> cells(Object... cells) {
        return Arrays.stream(cells).map(String::valueOf).toList();
    }

    private static String nanos(CellStyle style, LatencySummary summary, long value) {
        return summary.count() == 0 ? "-" : style.latency().apply(value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
