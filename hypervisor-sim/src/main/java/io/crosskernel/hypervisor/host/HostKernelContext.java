package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.IngressJournal;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.StateJournal;
import io.crosskernel.api.WorkCost;
import io.crosskernel.api.metrics.GeneratedPublisher;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.trace.HopTracer;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.trace.TraceSession;
import io.crosskernel.hypervisor.journal.KernelJournalWriter;
import io.crosskernel.hypervisor.journal.RunJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The host's side of one kernel's {@link KernelContext}.
 *
 * <p>Threading: built on the host thread before boot (in a kernel process, on its main thread, which also sets
 * {@link #publishGeneratedThrough} before boot); everything but {@link #runStartNanos()} and
 * {@link #sourcesOpen()} is immutable afterwards. Those two are written only by the host thread and published with
 * volatile stores: the start time first, then the open flag, so a kernel that sees the flag also sees the start.
 */
final class HostKernelContext implements KernelContext {
    private final int kernelId;
    private final String kernelName;
    private final List<Integer> cores;
    private final Clock clock;
    private final ChannelFabric fabric;
    private final List<InboundChannel> inbound;
    private final OutboundChannel[] outbound;
    private final StateJournal stateJournal;
    private final IngressJournal ingressJournal;
    private final List<Route> routes;
    private final List<Source> sources;
    private final WorkerMetrics[] metrics;
    private final TaskErrorLog errors;
    private final boolean mayStartThreads;
    /** By the kernel's own work names: what a simulated run charges; empty in a real run. */
    private final Map<String, WorkCost> workCosts;

    private final List<String> announcements;
    /** Null when the run is not traced. */
    private final TraceSession tracing;
    /** Created on first request, at boot: only workers that record (the dispatchers) get a buffer. */
    private final HopTracer[] tracers;

    /**
     * In a kernel process: per worker, where its generated counts go for the host (set before boot); null in the
     * host, whose threads' counters the host reads itself.
     */
    private IntFunction<GeneratedPublisher> generatedPublishers;

    private volatile long runStartNanos;
    private volatile boolean sourcesOpen;
    /** Set once, after {@link #sourcesOpen} went false for good: {@link SourcesClosedAck} relies on the order. */
    private volatile boolean sourcesClosed;

    HostKernelContext(int kernelId, String kernelName, List<Integer> cores, Clock clock, ChannelFabric fabric,
            List<Route> routes, List<Source> sources, TaskErrorLog errors, List<String> announcements) {
        this(kernelId, kernelName, cores, clock, fabric, routes, sources, errors, announcements, null, null, null,
                true, Map.of());
    }

    /**
     * @param tracing       where per-worker trace buffers come from; null when the run is not traced
     * @param journalWriter this kernel's journal, or null when the run is not journaled
     * @param journal       the run's journal (wraps the channels), or null
     * @param mayStartThreads false in a simulated run: the engine drives every duty cycle on the host thread
     * @param workCosts     by the kernel's work names, the modelled cost of its real work: empty in a real run
     */
    HostKernelContext(int kernelId, String kernelName, List<Integer> cores, Clock clock, ChannelFabric fabric,
            List<Route> routes, List<Source> sources, TaskErrorLog errors, List<String> announcements,
            TraceSession tracing, KernelJournalWriter journalWriter, RunJournal journal, boolean mayStartThreads,
            Map<String, WorkCost> workCosts) {
        this.mayStartThreads = mayStartThreads;
        this.workCosts = Map.copyOf(workCosts);
        this.announcements = announcements;
        this.tracing = tracing;
        this.tracers = new HopTracer[cores.size()];
        this.kernelId = kernelId;
        this.kernelName = kernelName;
        this.cores = List.copyOf(cores);
        this.clock = clock;
        this.fabric = fabric;
        this.stateJournal = journalWriter == null ? StateJournal.NONE : journalWriter;
        this.ingressJournal = journalWriter == null ? IngressJournal.NONE : journalWriter;
        this.outbound = new OutboundChannel[fabric.kernelCount()];
        List<InboundChannel> in = new ArrayList<>(fabric.inboundTo(kernelId));
        for (int k = 0; k < outbound.length; k++) {
            outbound[k] = fabric.outbound(kernelId, k);
        }
        if (journalWriter != null) {
            // Journaling wraps the channels: the kernel offers and drains as usual, on the same single threads.
            for (int k = 0; k < outbound.length; k++) {
                outbound[k] = journal.outbound(outbound[k], journalWriter);
            }
            in.replaceAll(channel -> journal.inbound(channel, journalWriter));
        }
        this.inbound = List.copyOf(in);
        this.routes = List.copyOf(routes);
        this.sources = List.copyOf(sources);
        this.errors = errors;
        this.metrics = new WorkerMetrics[cores.size()];
        for (int i = 0; i < metrics.length; i++) {
            // A simulated run reads the recorders on the thread that writes them: no phaser needed.
            metrics[i] = new WorkerMetrics(routes, kernelId, !mayStartThreads);
        }
    }

    @Override
    public int kernelId() {
        return kernelId;
    }

    @Override
    public String kernelName() {
        return kernelName;
    }

    @Override
    public List<Integer> cores() {
        return cores;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public boolean mayStartThreads() {
        return mayStartThreads;
    }

    @Override
    public WorkCost workCost(String work) {
        return workCosts.getOrDefault(work, WorkCost.NONE);
    }

    @Override
    public List<InboundChannel> inbound() {
        return inbound;
    }

    @Override
    public OutboundChannel outboundTo(int toKernel) {
        java.util.Objects.checkIndex(toKernel, outbound.length);
        return outbound[toKernel];
    }

    @Override
    public StateJournal stateJournal() {
        return stateJournal;
    }

    @Override
    public IngressJournal ingressJournal() {
        return ingressJournal;
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public List<Source> sources() {
        return sources;
    }

    @Override
    public long runStartNanos() {
        return runStartNanos;
    }

    @Override
    public boolean sourcesOpen() {
        return sourcesOpen;
    }

    @Override
    public WorkerMetrics metrics(int worker) {
        return metrics[worker];
    }

    /**
     * Boot: {@link GeneratedPublisher#NONE} in the host; in a kernel process, the shared counters the worker then
     * writes itself (see {@link #publishGeneratedThrough}).
     */
    @Override
    public GeneratedPublisher generatedPublisher(int worker) {
        java.util.Objects.checkIndex(worker, metrics.length);
        return generatedPublishers == null ? GeneratedPublisher.NONE : generatedPublishers.apply(worker);
    }

    /**
     * Kernel process, main thread, before boot: where each worker that asks publishes its generated counts
     * ({@code CounterBridge.generatedPublisher}). The workers' start publishes the field to them.
     */
    void publishGeneratedThrough(IntFunction<GeneratedPublisher> publishers) {
        this.generatedPublishers = publishers;
    }

    /** Boot (host thread): the first call for a worker creates its buffer; later calls return the same one. */
    @Override
    public synchronized HopTracer tracer(int worker) {
        if (tracing == null) {
            return HopTracer.NONE;
        }
        if (tracers[worker] == null) {
            tracers[worker] = tracing.newTracer(kernelId, kernelName, worker);
        }
        return tracers[worker];
    }

    @Override
    public void announce(String message) {
        announcements.add(kernelName + ": " + message);
    }

    @Override
    public void reportTaskError(int worker, String taskName, Throwable error) {
        errors.record(kernelName, worker, taskName, error);
    }

    @Override
    public void failRun(int worker, String reason, Throwable cause) {
        errors.recordFatal(kernelName, worker, reason, cause);
    }

    WorkerMetrics[] allMetrics() {
        return metrics;
    }

    /** Host thread only: publishes the start time, then opens the sources. */
    void openSources(long startNanos) {
        runStartNanos = startNanos;
        sourcesOpen = true;
    }

    /** Host thread only: sources release nothing more; in-flight work goes on. */
    void closeSources() {
        sourcesOpen = false;
        sourcesClosed = true; // after: a worker that reads this true can never again read sourcesOpen true
    }

    /** Any thread: true once {@link #closeSources()} ran; volatile load. */
    boolean sourcesClosed() {
        return sourcesClosed;
    }
}
