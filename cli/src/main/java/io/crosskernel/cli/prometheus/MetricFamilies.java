package io.crosskernel.cli.prometheus;

import io.crosskernel.hypervisor.channel.ChannelStats;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.MissCauses;
import io.crosskernel.hypervisor.report.RouteSample;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.TaskMisses;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The crosskernel metric families, built at each scrape from the run's {@link LatestSample}. Names follow the
 * Prometheus conventions: {@code crosskernel_} prefix, base units (seconds), {@code _total} on counters (the client
 * appends it to the counter families named here without it), what varies in labels ({@code kernel}, {@code type},
 * {@code from}, {@code to}, {@code route}, {@code kind}, {@code stage}, {@code outcome}, {@code phase}).
 *
 * <p>One collector for every family, so one scrape reads one sample: the figures of a scrape are consistent with each
 * other (counters from separate callbacks could each see a different sample).
 *
 * <p>Threading: {@link #collect} runs on whatever thread scrapes the registry (the HTTP server's); it only reads the
 * immutable sample, never a kernel's counters. Before the host took its first sample only {@code crosskernel_run_info}
 * and {@code crosskernel_run_phase} (phase {@code booting}) are exposed.
 */
public final class MetricFamilies implements MultiCollector {
    private static final String[] KERNEL = {"kernel", "type"};
    private static final String[] CHANNEL = {"from", "to"};
    private static final String[] ROUTE = {"route"};
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};

    private final LatestSample latest;
    private final Labels runInfo;
    private final Map<String, String> routeKinds;

    /**
     * @param scenario   the scenario's name, for {@code crosskernel_run_info}
     * @param version    crosskernel's version, for {@code crosskernel_run_info}
     * @param routeKinds each route's kind ({@code periodic}, {@code stream}, {@code burst}) by route name
     */
    public MetricFamilies(LatestSample latest, String scenario, String version, Map<String, String> routeKinds) {
        this.latest = latest;
        this.runInfo = Labels.of("scenario", scenario, "version", version);
        this.routeKinds = Map.copyOf(routeKinds);
    }

    @Override
    public MetricSnapshots collect() {
        MetricsSample sample = latest.get();
        List<MetricSnapshot> families = new ArrayList<>();
        run(sample, families);
        if (sample != null) {
            kernels(sample, families);
            channels(sample, families);
            routes(sample, families);
        }
        RunReport report = latest.report();
        if (report != null) {
            missesByCause(report, families);
        }
        return new MetricSnapshots(families);
    }

    private void run(MetricsSample sample, List<MetricSnapshot> families) {
        families.add(InfoSnapshot.builder().name("crosskernel_run").help("The run being served: scenario and version")
                .dataPoint(InfoDataPointSnapshot.builder().labels(runInfo).build()).build());
        GaugeSnapshot.Builder phase = GaugeSnapshot.builder().name("crosskernel_run_phase")
                .help("1 for the phase the run is in, 0 for the others (booting until the first sample)");
        phase.dataPoint(gaugePoint(sample == null ? 1 : 0, Labels.of("phase", "booting")));
        for (Phase p : Phase.values()) {
            phase.dataPoint(gaugePoint(sample != null && sample.phase() == p ? 1 : 0,
                    Labels.of("phase", p.name().toLowerCase(Locale.ROOT))));
        }
        families.add(phase.build());
        if (sample != null) {
            families.add(GaugeSnapshot.builder().name("crosskernel_run_elapsed_seconds")
                    .help("Time since the workload started (warm-up included)")
                    .dataPoint(gaugePoint(seconds(sample.elapsedNanos()), Labels.EMPTY)).build());
            families.add(GaugeSnapshot.builder().name("crosskernel_run_planned_seconds")
                    .help("Warm-up plus duration: the run's planned length before the drain")
                    .dataPoint(gaugePoint(seconds(sample.totalNanos()), Labels.EMPTY)).build());
        }
    }

    private void kernels(MetricsSample sample, List<MetricSnapshot> families) {
        Family<KernelSample> f = new Family<>(families, sample.kernels(), KERNEL, k -> new String[] {k.name(),
                k.type()});
        f.counter("crosskernel_kernel_duty_cycles", "Duty cycles run by the kernel's workers",
                KernelSample::dutyCycles);
        f.counter("crosskernel_kernel_busy_seconds",
                "Time the kernel's workers spent in duty cycles that did work; its rate over workers is utilisation",
                k -> seconds(k.busyNanos()));
        f.counter("crosskernel_kernel_tasks_completed", "Tasks run to completion", KernelSample::tasksCompleted);
        f.counter("crosskernel_kernel_tasks_failed", "Tasks that threw", KernelSample::tasksFailed);
        f.counter("crosskernel_kernel_messages_in", "Messages taken from inbound channels", KernelSample::messagesIn);
        f.counter("crosskernel_kernel_messages_out", "Messages accepted by outbound channels",
                KernelSample::messagesOut);
        f.counter("crosskernel_kernel_backpressure_events", "Offers a full retry channel refused (each retry counts)",
                KernelSample::backpressureEvents);
        f.counter("crosskernel_kernel_errors", "Exceptions thrown out of a duty cycle itself (not by a task)",
                KernelSample::kernelErrors);
        f.counter("crosskernel_kernel_dropped",
                "Requests the kernel counted as dropped (a drop-newest or fail channel refused them)",
                KernelSample::dropped);
        f.counter("crosskernel_kernel_deadline_misses",
                "Requests that finished here after their route's deadline, and real-time jobs that missed theirs",
                KernelSample::deadlineMisses);
        f.counter("crosskernel_kernel_budget_overruns", "Tasks that ran longer than their declared cost",
                KernelSample::budgetOverruns);
        f.counter("crosskernel_kernel_stalls",
                "Times a worker completed no duty cycle for longer than the stall threshold", KernelSample::stalls);
        f.counter("crosskernel_kernel_hiccups",
                "Gaps above host.hiccupThreshold between two clock readings of one of its workers: time it wanted to"
                        + " run and did not", KernelSample::hiccups);
        f.counter("crosskernel_kernel_hiccup_lost_seconds", "Total length of those hiccups, over its workers",
                k -> seconds(k.hiccupLostNanos()));
        f.gauge("crosskernel_kernel_workers", "Pinned worker threads the kernel runs on", KernelSample::workers);
        f.summary("crosskernel_kernel_task_latency_seconds",
                "Task response time (completion minus arrival at the kernel) since the warm-up ended",
                KernelSample::latency);
        f.summary("crosskernel_kernel_release_lateness_seconds",
                "Start of a workload's first stage minus its scheduled release, since the warm-up ended",
                KernelSample::lateness);
        GaugeSnapshot.Builder interval = GaugeSnapshot.builder().name("crosskernel_kernel_interval_task_latency_seconds")
                .help("Task response time over the last latency interval alone (about a second)");
        for (KernelSample kernel : sample.kernels()) {
            for (Quantile q : quantiles(kernel.intervalLatency())) {
                interval.dataPoint(gaugePoint(q.getValue(), Labels.of("kernel", kernel.name(), "type", kernel.type(),
                        "quantile", Double.toString(q.getQuantile()))));
            }
        }
        families.add(interval.build());
    }

    private void channels(MetricsSample sample, List<MetricSnapshot> families) {
        Family<ChannelStats> f = new Family<>(families, sample.channels(), CHANNEL, c -> new String[] {c.from(),
                c.to()});
        f.counter("crosskernel_channel_offered", "Messages the channel accounted for: sent, dropped or failed",
                ChannelStats::offered);
        f.counter("crosskernel_channel_delivered", "Messages handed to the receiving kernel",
                ChannelStats::delivered);
        f.counter("crosskernel_channel_rejected", "Offered messages a drop-newest or fail channel refused",
                ChannelStats::rejected);
        f.counter("crosskernel_channel_backpressured",
                "Offers a full retry channel refused; the sender kept the message and retries",
                ChannelStats::backpressured);
        f.gauge("crosskernel_channel_depth", "Messages waiting in the channel now", ChannelStats::inFlight);
        f.gauge("crosskernel_channel_high_water_mark",
                "Most messages the receiver found waiting at the start of a drain (a lower bound of the peak)",
                ChannelStats::highWaterMark);
        f.gauge("crosskernel_channel_capacity", "Messages the channel holds", ChannelStats::capacity);
    }

    private void routes(MetricsSample sample, List<MetricSnapshot> families) {
        Family<RouteSample> f = new Family<>(families, sample.routes(), ROUTE, r -> new String[] {r.name()});
        f.counter("crosskernel_route_requests_generated", "Requests the route's source released",
                RouteSample::generated);
        CounterSnapshot.Builder outcomes = CounterSnapshot.builder().name("crosskernel_route_requests")
                .help("Requests that finished, by outcome: completed (last stage done), failed (a task threw), "
                        + "dropped (a channel refused them)");
        for (RouteSample r : sample.routes()) {
            outcomes.dataPoint(counterPoint(r.completed(), Labels.of("route", r.name(), "outcome", "completed")));
            outcomes.dataPoint(counterPoint(r.failed(), Labels.of("route", r.name(), "outcome", "failed")));
            outcomes.dataPoint(counterPoint(r.dropped(), Labels.of("route", r.name(), "outcome", "dropped")));
        }
        families.add(outcomes.build());
        f.gauge("crosskernel_route_requests_in_flight", "Requests released but not finished yet",
                RouteSample::inFlight);
        f.counter("crosskernel_route_deadline_misses", "Requests that completed after the route's deadline",
                RouteSample::deadlineMisses);
        f.counter("crosskernel_route_budget_overruns", "Tasks of the route that ran longer than their cost",
                RouteSample::budgetOverruns);
        new Family<>(families, sample.routes(), new String[] {"route", "kind"},
                r -> new String[] {r.name(), routeKinds.getOrDefault(r.name(), "")})
                .summary("crosskernel_route_latency_seconds",
                        "End-to-end latency (completion minus release) since the warm-up ended, by route and kind",
                        RouteSample::endToEnd);
        SummarySnapshot.Builder stages = SummarySnapshot.builder().name("crosskernel_route_stage_latency_seconds")
                .help("Per pipeline stage: completion minus arrival at the stage's kernel, since the warm-up ended");
        for (RouteSample r : sample.routes()) {
            for (StageReport stage : r.stages()) {
                stages.dataPoint(summaryPoint(stage.latencyNanos(), Labels.of("route", r.name(), "stage",
                        Integer.toString(stage.index()), "kernel", stage.kernel())));
            }
        }
        families.add(stages.build());
    }

    /**
     * Deadline misses by cause, from the final report: attribution needs the whole run's evidence, so these two
     * families appear only once the run has ended. Every cause is listed for every route and task, zeros included,
     * so a query never mistakes a cause that did not happen for one that is not reported.
     */
    private static void missesByCause(RunReport report, List<MetricSnapshot> families) {
        CounterSnapshot.Builder routes = CounterSnapshot.builder().name("crosskernel_route_deadline_misses_by_cause")
                .help("Requests that completed after the route's deadline, by cause (collector, platform, overrun, "
                        + "scheduling, unattributed); known when the run has ended");
        for (WorkloadReport workload : report.workloads()) {
            causes(routes, workload.missesByCause(), "route", workload.name());
        }
        families.add(routes.build());
        CounterSnapshot.Builder tasks = CounterSnapshot.builder().name("crosskernel_task_deadline_misses_by_cause")
                .help("Real-time jobs that finished after their task's deadline, by cause; known when the run has "
                        + "ended");
        for (KernelReport kernel : report.kernels()) {
            for (TaskMisses task : kernel.taskMisses()) {
                causes(tasks, task.byCause(), "kernel", kernel.name(), "task", task.task());
            }
        }
        families.add(tasks.build());
    }

    private static void causes(CounterSnapshot.Builder family, MissCauses causes, String... labels) {
        long[] counts = {causes.collector(), causes.platform(), causes.overrun(), causes.scheduling(),
                causes.unattributed()};
        String[] names = {"collector", "platform", "overrun", "scheduling", "unattributed"};
        for (int i = 0; i < counts.length; i++) {
            String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
            all[labels.length] = "cause";
            all[labels.length + 1] = names[i];
            family.dataPoint(counterPoint(counts[i], Labels.of(all)));
        }
    }

    /** Families whose data points are one per item (kernel, channel, route), labelled the same way. */
    private static final class Family<T> {
        private final List<MetricSnapshot> families;
        private final List<T> items;
        private final String[] labelNames;
        private final Function<T, String[]> labelValues;

        Family(List<MetricSnapshot> families, List<T> items, String[] labelNames, Function<T, String[]> labelValues) {
            this.families = families;
            this.items = items;
            this.labelNames = labelNames;
            this.labelValues = labelValues;
        }

        void counter(String name, String help, ToDoubleFunction<T> value) {
            CounterSnapshot.Builder family = CounterSnapshot.builder().name(name).help(help);
            for (T item : items) {
                family.dataPoint(counterPoint(value.applyAsDouble(item), labels(item)));
            }
            families.add(family.build());
        }

        void gauge(String name, String help, ToDoubleFunction<T> value) {
            GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(name).help(help);
            for (T item : items) {
                family.dataPoint(gaugePoint(value.applyAsDouble(item), labels(item)));
            }
            families.add(family.build());
        }

        void summary(String name, String help, Function<T, LatencySummary> latency) {
            SummarySnapshot.Builder family = SummarySnapshot.builder().name(name).help(help);
            for (T item : items) {
                family.dataPoint(summaryPoint(latency.apply(item), labels(item)));
            }
            families.add(family.build());
        }

        private Labels labels(T item) {
            return Labels.of(labelNames, labelValues.apply(item));
        }
    }

    private static CounterDataPointSnapshot counterPoint(double value, Labels labels) {
        return CounterDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private static GaugeDataPointSnapshot gaugePoint(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    /** Sum from HdrHistogram's mean: as precise as the histogram's buckets (three significant digits). */
    private static SummaryDataPointSnapshot summaryPoint(LatencySummary latency, Labels labels) {
        return SummaryDataPointSnapshot.builder().count(latency.count())
                .sum(latency.mean() * latency.count() / 1e9).quantiles(quantiles(latency)).labels(labels).build();
    }

    /** p50, p90, p99, p99.9 and the maximum (quantile 1), in seconds; NaN when nothing was recorded. */
    static Quantiles quantiles(LatencySummary latency) {
        long[] values = {latency.p50(), latency.p90(), latency.p99(), latency.p999(), latency.max()};
        List<Quantile> quantiles = new ArrayList<>(QUANTILES.length);
        for (int i = 0; i < QUANTILES.length; i++) {
            quantiles.add(new Quantile(QUANTILES[i], latency.count() == 0 ? Double.NaN : seconds(values[i])));
        }
        return Quantiles.of(quantiles);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
