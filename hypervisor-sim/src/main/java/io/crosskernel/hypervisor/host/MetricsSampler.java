package io.crosskernel.hypervisor.host;

import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import io.crosskernel.hypervisor.report.KernelSample;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.report.RouteSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.StageReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads every kernel's counters while the run goes on, and moves what the kernels' latency recorders took into the
 * cumulative histograms the final report is built from.
 *
 * <p>Two cadences, because their costs differ by three orders of magnitude: counters are a few opaque loads, read at
 * every sample; latency recorders are drained (HdrHistogram interval swap plus a histogram add each) and summarised
 * only when the caller asks, about once a second, and samples in between carry the last summaries. The summaries of
 * the cumulative histograms (since the warm-up) are refreshed at those passes only when a listener reads them
 * ({@code RunListener.readsCumulativeLatency}, a metrics endpoint), and otherwise for the final sample alone: the
 * report reads the histograms themselves, and each summary walks its histogram's buckets. On a machine
 * whose every core belongs to a kernel, the host thread's bursts of work preempt a kernel: they must stay short and
 * rare.
 *
 * <p>Threading: host thread only. It is the single reader of every worker's {@link LatencyRecorder}. The cumulative
 * histograms are allocated once here, so sampling does not grow the heap with the run's length (only the small
 * sample records are new).
 */
final class MetricsSampler {
    private final List<BootedKernel> kernels;
    private final List<Route> routes;
    private final ChannelFabric fabric;
    private final StallWatchdog watchdog;
    /** Per kernel: task latency since the warm-up, over the last latency pass, and release lateness. */
    private final Histogram[] kernelLatency;
    private final Histogram[] kernelInterval;
    private final Histogram[] kernelLateness;
    /** Per route: end-to-end latency and release lateness since the warm-up. */
    private final Histogram[] routeEndToEnd;
    private final Histogram[] routeLateness;
    /** Per route and stage, over every worker that runs the stage: since the warm-up. */
    private final Histogram[][] routeStages;
    private final LatencySummary[][] kernelSummaries;
    private final LatencySummary[] routeSummaries;
    private final List<List<StageReport>> stageSummaries = new ArrayList<>();
    private final List<MetricsSample> timeline = new ArrayList<>();
    /** Summarise the cumulative histograms at every latency pass, not only the final one (a listener reads them). */
    private final boolean cumulativeEveryPass;

    /**
     * @param cumulativeEveryPass whether every latency pass refreshes the cumulative summaries (a listener reads
     *                            them, {@code RunListener.readsCumulativeLatency}) or only the final sample's does
     */
    MetricsSampler(List<BootedKernel> kernels, List<Route> routes, ChannelFabric fabric, StallWatchdog watchdog,
            boolean cumulativeEveryPass) {
        this.kernels = kernels;
        this.routes = routes;
        this.fabric = fabric;
        this.watchdog = watchdog;
        this.cumulativeEveryPass = cumulativeEveryPass;
        kernelLatency = accumulators(kernels.size());
        kernelInterval = accumulators(kernels.size());
        kernelLateness = accumulators(kernels.size());
        routeEndToEnd = accumulators(routes.size());
        routeLateness = accumulators(routes.size());
        routeStages = new Histogram[routes.size()][];
        for (int r = 0; r < routes.size(); r++) {
            routeStages[r] = accumulators(routes.get(r).stages().size());
        }
        kernelSummaries = new LatencySummary[kernels.size()][3];
        routeSummaries = new LatencySummary[routes.size()];
        summarise(true);
    }

    /**
     * Reads every counter and returns the run's state now; the sample also joins the timeline.
     *
     * @param elapsedNanos    since the workload started
     * @param totalNanos      warm-up plus duration
     * @param drainLatencies  also drain every latency recorder and refresh the latency summaries (otherwise the
     *                        sample carries those of the last pass that did)
     */
    MetricsSample sample(long elapsedNanos, long totalNanos, Phase phase, boolean drainLatencies) {
        if (drainLatencies) {
            drainLatencies();
            summarise(cumulativeEveryPass || phase == Phase.FINISHED);
        }
        List<KernelSample> kernelSamples = new ArrayList<>(kernels.size());
        long[] routeCounts = new long[routes.size() * 6];
        int workerIndex = 0;
        for (int k = 0; k < kernels.size(); k++) {
            BootedKernel kernel = kernels.get(k);
            WorkerMetrics[] workers = kernel.context.allMetrics();
            long cycles = 0, busy = 0, completed = 0, failed = 0, in = 0, out = 0, backpressure = 0, errors = 0;
            long dropped = 0, misses = 0, overruns = 0, stalls = 0, hiccups = 0, hiccupLost = 0;
            for (WorkerMetrics m : workers) {
                cycles += m.dutyCycles.get();
                busy += m.busyNanos.get();
                completed += m.tasksCompleted.get();
                failed += m.tasksFailed.get();
                in += m.messagesIn.get();
                out += m.messagesOut.get();
                backpressure += m.backpressureEvents.get();
                errors += m.kernelErrors.get();
                stalls += watchdog.stallsOf(workerIndex++);
                hiccups += m.hiccups.count();
                hiccupLost += m.hiccups.lostNanos();
                for (int r = 0; r < routes.size(); r++) {
                    long routeDropped = m.dropped[r].getAcquire();
                    long routeMisses = m.deadlineMisses[r].get();
                    long routeOverruns = m.budgetOverruns[r].get();
                    dropped += routeDropped;
                    misses += routeMisses;
                    overruns += routeOverruns;
                    int base = r * 6;
                    // Finishing counters with acquire loads, before any generated one (InFlightRequests says why).
                    routeCounts[base + 1] += m.completed[r].getAcquire();
                    routeCounts[base + 2] += m.failed[r].getAcquire();
                    routeCounts[base + 3] += routeDropped;
                    routeCounts[base + 4] += routeMisses;
                    routeCounts[base + 5] += routeOverruns;
                }
            }
            LatencySummary[] summaries = kernelSummaries[k];
            kernelSamples.add(new KernelSample(kernel.decl.name(), kernel.decl.type(), workers.length, cycles, busy,
                    completed, failed, in, out, backpressure, errors, dropped, misses, overruns, stalls,
                    summaries[0], summaries[1], summaries[2], hiccups, hiccupLost));
        }
        // Generated is read last, after every finishing counter (acquire loads, see InFlightRequests): a request
        // finishes only after it was generated, so a request completing between the reads can make the sample
        // over-count what is in flight, never go below zero.
        for (BootedKernel kernel : kernels) {
            for (WorkerMetrics m : kernel.context.allMetrics()) {
                for (int r = 0; r < routes.size(); r++) {
                    routeCounts[r * 6] += m.generated[r].getAcquire();
                }
            }
        }
        List<RouteSample> routeSamples = new ArrayList<>(routes.size());
        for (int r = 0; r < routes.size(); r++) {
            int base = r * 6;
            routeSamples.add(new RouteSample(routes.get(r).name(), routeCounts[base], routeCounts[base + 1],
                    routeCounts[base + 2], routeCounts[base + 3], routeCounts[base + 4], routeCounts[base + 5],
                    routeSummaries[r], stageSummaries.get(r)));
        }
        MetricsSample sample = new MetricsSample(elapsedNanos, totalNanos, phase, kernelSamples, fabric.stats(),
                routeSamples);
        timeline.add(sample);
        return sample;
    }

    /**
     * Moves what every recorder took since the last pass into the accumulators; empty intervals cost no add. Every
     * histogram here grows with the largest value it holds ({@link LatencyRecorder#newAccumulator()}), so an add or a
     * clear walks the counts up to the latencies recorded, not the 10-minute range a histogram could hold.
     */
    private void drainLatencies() {
        for (int k = 0; k < kernels.size(); k++) {
            clear(kernelInterval[k]);
            for (WorkerMetrics m : kernels.get(k).context.allMetrics()) {
                Histogram interval = m.taskLatency.interval();
                if (interval.getTotalCount() > 0) {
                    kernelInterval[k].add(interval);
                    kernelLatency[k].add(interval);
                }
                for (int r = 0; r < routes.size(); r++) {
                    if (m.lateness[r] != null) {
                        Histogram lateness = m.lateness[r].interval();
                        if (lateness.getTotalCount() > 0) {
                            kernelLateness[k].add(lateness);
                            routeLateness[r].add(lateness);
                        }
                    }
                    addInterval(m.endToEnd[r], routeEndToEnd[r]);
                    for (int s = 0; s < m.stageLatency[r].length; s++) {
                        addInterval(m.stageLatency[r][s], routeStages[r][s]);
                    }
                }
            }
        }
    }

    private static void addInterval(LatencyRecorder recorder, Histogram into) {
        if (recorder != null) {
            Histogram interval = recorder.interval();
            if (interval.getTotalCount() > 0) {
                into.add(interval);
            }
        }
    }

    /**
     * Refreshes the interval summaries, and with {@code cumulative} the summaries of the histograms since the
     * warm-up (otherwise they stay those of the last pass that refreshed them).
     */
    private void summarise(boolean cumulative) {
        for (int k = 0; k < kernels.size(); k++) {
            kernelSummaries[k][1] = LatencySummary.of(kernelInterval[k]);
            if (cumulative) {
                kernelSummaries[k][0] = LatencySummary.of(kernelLatency[k]);
                kernelSummaries[k][2] = LatencySummary.of(kernelLateness[k]);
            }
        }
        if (!cumulative) {
            return;
        }
        stageSummaries.clear();
        for (int r = 0; r < routes.size(); r++) {
            routeSummaries[r] = LatencySummary.of(routeEndToEnd[r]);
            List<StageReport> stages = new ArrayList<>(routeStages[r].length);
            for (int s = 0; s < routeStages[r].length; s++) {
                stages.add(new StageReport(s, routes.get(r).stage(s).kernelName(),
                        LatencySummary.of(routeStages[r][s])));
            }
            stageSummaries.add(List.copyOf(stages));
        }
    }

    /** The end of the warm-up: forgets every latency recorded so far (counters keep counting). */
    void discardLatencies() {
        for (BootedKernel kernel : kernels) {
            for (WorkerMetrics worker : kernel.context.allMetrics()) {
                for (LatencyRecorder recorder : worker.allRecorders()) {
                    recorder.discard();
                }
            }
        }
        resetAll(kernelLatency);
        resetAll(kernelInterval);
        resetAll(kernelLateness);
        resetAll(routeEndToEnd);
        resetAll(routeLateness);
        for (Histogram[] stages : routeStages) {
            resetAll(stages);
        }
        summarise(true);
    }

    /*
     * The accumulators, as of the last latency pass. The report reads them after the final sample; they are the
     * sampler's own, so callers read or add them elsewhere rather than keep them.
     */

    Histogram kernelLatency(int kernelIndex) {
        return kernelLatency[kernelIndex];
    }

    Histogram kernelLateness(int kernelIndex) {
        return kernelLateness[kernelIndex];
    }

    Histogram routeEndToEnd(int routeId) {
        return routeEndToEnd[routeId];
    }

    Histogram routeLateness(int routeId) {
        return routeLateness[routeId];
    }

    Histogram routeStage(int routeId, int stage) {
        return routeStages[routeId][stage];
    }

    /** The timeline and copies of the per-kernel and per-route histograms; call after the final sample. */
    RunRecordings recordings() {
        Map<String, Histogram> latency = new LinkedHashMap<>();
        Map<String, Histogram> lateness = new LinkedHashMap<>();
        for (int k = 0; k < kernels.size(); k++) {
            String name = kernels.get(k).decl.name();
            latency.put(name, kernelLatency[k].copy());
            if (kernelLateness[k].getTotalCount() > 0) {
                lateness.put(name, kernelLateness[k].copy());
            }
        }
        Map<String, Histogram> endToEnd = new LinkedHashMap<>();
        for (int r = 0; r < routes.size(); r++) {
            endToEnd.put(routes.get(r).name(), routeEndToEnd[r].copy());
        }
        return new RunRecordings(timeline, latency, lateness, endToEnd);
    }

    private static Histogram[] accumulators(int count) {
        Histogram[] histograms = new Histogram[count];
        for (int i = 0; i < count; i++) {
            histograms[i] = LatencyRecorder.newAccumulator();
        }
        return histograms;
    }

    private static void resetAll(Histogram[] histograms) {
        for (Histogram histogram : histograms) {
            clear(histogram);
        }
    }

    /** Resets {@code histogram} unless it is empty, hence already clear (a reset walks its whole counts array). */
    private static void clear(Histogram histogram) {
        if (histogram.getTotalCount() > 0) {
            histogram.reset();
        }
    }
}
