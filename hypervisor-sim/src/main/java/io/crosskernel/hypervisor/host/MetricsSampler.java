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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads every kernel's counters and latency recorders while the run goes on, and keeps the cumulative histograms the
 * final report is built from.
 *
 * <p>Threading: host thread only. It is the single reader of every worker's {@link LatencyRecorder}: each sample moves
 * what the recorders took since the last one into cumulative histograms the sampler owns, allocated once here, so
 * sampling does not grow the heap with the run's length (only the small sample records are new).
 */
final class MetricsSampler {
    private final List<BootedKernel> kernels;
    private final List<Route> routes;
    private final ChannelFabric fabric;
    private final StallWatchdog watchdog;
    private final Map<LatencyRecorder, Histogram> cumulative = new IdentityHashMap<>();
    private final Histogram[] kernelLatency;
    private final Histogram[] kernelInterval;
    private final Histogram[] kernelLateness;
    private final Histogram[] routeEndToEnd;
    /** Per route and stage, over every worker that runs the stage: since the warm-up. */
    private final Histogram[][] routeStages;
    private final List<MetricsSample> timeline = new ArrayList<>();

    MetricsSampler(List<BootedKernel> kernels, List<Route> routes, ChannelFabric fabric, StallWatchdog watchdog) {
        this.kernels = kernels;
        this.routes = routes;
        this.fabric = fabric;
        this.watchdog = watchdog;
        kernelLatency = accumulators(kernels.size());
        kernelInterval = accumulators(kernels.size());
        kernelLateness = accumulators(kernels.size());
        routeEndToEnd = accumulators(routes.size());
        routeStages = new Histogram[routes.size()][];
        for (int r = 0; r < routes.size(); r++) {
            routeStages[r] = accumulators(routes.get(r).stages().size());
        }
        for (BootedKernel kernel : kernels) {
            for (WorkerMetrics worker : kernel.context.allMetrics()) {
                for (LatencyRecorder recorder : worker.allRecorders()) {
                    cumulative.put(recorder, LatencyRecorder.newAccumulator());
                }
            }
        }
    }

    /**
     * Drains every recorder and returns the run's state now; the sample also joins the timeline.
     *
     * @param elapsedNanos since the workload started
     * @param totalNanos   warm-up plus duration
     */
    MetricsSample sample(long elapsedNanos, long totalNanos, Phase phase) {
        List<KernelSample> kernelSamples = new ArrayList<>(kernels.size());
        long[] routeCounts = new long[routes.size() * 6];
        int workerIndex = 0;
        for (int k = 0; k < kernels.size(); k++) {
            BootedKernel kernel = kernels.get(k);
            WorkerMetrics[] workers = kernel.context.allMetrics();
            kernelInterval[k].reset();
            long cycles = 0, busy = 0, completed = 0, failed = 0, in = 0, out = 0, backpressure = 0, errors = 0;
            long dropped = 0, misses = 0, overruns = 0, stalls = 0;
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
                Histogram interval = drain(m.taskLatency);
                kernelInterval[k].add(interval);
                kernelLatency[k].add(interval);
                for (int r = 0; r < routes.size(); r++) {
                    long routeDropped = m.dropped[r].get();
                    long routeMisses = m.deadlineMisses[r].get();
                    long routeOverruns = m.budgetOverruns[r].get();
                    dropped += routeDropped;
                    misses += routeMisses;
                    overruns += routeOverruns;
                    int base = r * 6;
                    routeCounts[base + 1] += m.completed[r].get();
                    routeCounts[base + 2] += m.failed[r].get();
                    routeCounts[base + 3] += routeDropped;
                    routeCounts[base + 4] += routeMisses;
                    routeCounts[base + 5] += routeOverruns;
                    if (m.lateness[r] != null) {
                        kernelLateness[k].add(drain(m.lateness[r]));
                    }
                    if (m.endToEnd[r] != null) {
                        routeEndToEnd[r].add(drain(m.endToEnd[r]));
                    }
                    for (int s = 0; s < m.stageLatency[r].length; s++) {
                        if (m.stageLatency[r][s] != null) {
                            routeStages[r][s].add(drain(m.stageLatency[r][s]));
                        }
                    }
                }
            }
            kernelSamples.add(new KernelSample(kernel.decl.name(), kernel.decl.type(), workers.length, cycles, busy,
                    completed, failed, in, out, backpressure, errors, dropped, misses, overruns, stalls,
                    LatencySummary.of(kernelLatency[k]), LatencySummary.of(kernelInterval[k]),
                    LatencySummary.of(kernelLateness[k])));
        }
        // Generated is read last, after every finishing counter: a request finishes only after it was generated,
        // so a request completing between the reads can make the sample over-count what is in flight, never go
        // below zero.
        for (BootedKernel kernel : kernels) {
            for (WorkerMetrics m : kernel.context.allMetrics()) {
                for (int r = 0; r < routes.size(); r++) {
                    routeCounts[r * 6] += m.generated[r].get();
                }
            }
        }
        List<RouteSample> routeSamples = new ArrayList<>(routes.size());
        for (int r = 0; r < routes.size(); r++) {
            int base = r * 6;
            routeSamples.add(new RouteSample(routes.get(r).name(), routeCounts[base], routeCounts[base + 1],
                    routeCounts[base + 2], routeCounts[base + 3], routeCounts[base + 4], routeCounts[base + 5],
                    LatencySummary.of(routeEndToEnd[r]), stageSummaries(r)));
        }
        MetricsSample sample = new MetricsSample(elapsedNanos, totalNanos, phase, kernelSamples, fabric.stats(),
                routeSamples);
        timeline.add(sample);
        return sample;
    }

    /** The end of the warm-up: forgets every latency recorded so far (counters keep counting). */
    void discardLatencies() {
        for (Map.Entry<LatencyRecorder, Histogram> entry : cumulative.entrySet()) {
            entry.getKey().discard();
            entry.getValue().reset();
        }
        resetAll(kernelLatency);
        resetAll(kernelLateness);
        resetAll(routeEndToEnd);
        for (Histogram[] stages : routeStages) {
            resetAll(stages);
        }
    }

    /**
     * Everything {@code recorder} recorded since the warm-up ended, as of the last sample. The report reads these
     * after the final sample; the histogram is the sampler's own, so callers add it elsewhere rather than keep it.
     */
    Histogram cumulative(LatencyRecorder recorder) {
        Histogram histogram = cumulative.get(recorder);
        if (histogram == null) {
            throw new IllegalArgumentException("not a recorder of this run");
        }
        return histogram;
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

    private List<StageReport> stageSummaries(int r) {
        List<StageReport> stages = new ArrayList<>(routeStages[r].length);
        for (int s = 0; s < routeStages[r].length; s++) {
            stages.add(new StageReport(s, routes.get(r).stage(s).kernelName(), LatencySummary.of(routeStages[r][s])));
        }
        return stages;
    }

    private Histogram drain(LatencyRecorder recorder) {
        Histogram interval = recorder.interval();
        cumulative.get(recorder).add(interval);
        return interval;
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
            histogram.reset();
        }
    }
}
