package io.crosskernel.api.testing;

import io.crosskernel.api.Clock;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A {@link KernelContext} for tests: what the host would build, configured by hand. Build it with the routes, add
 * sources and channels, hand it to {@code onBoot}, then call {@code doWork} from the test's thread; read what the
 * kernel counted with {@link #metrics(int)} and {@link #sum}, and what it reported with {@link #errors()},
 * {@link #runFailures()} and {@link #announcements()}. Worker {@code i} is given core {@code i}.
 *
 * <p>Threading: configure before {@code onBoot}; {@link #openSources(long)} and {@link #closeSources()} publish
 * with volatile writes; reported errors are collected in a concurrent queue.
 */
public final class TestKernelContext implements KernelContext {
    /** One call of {@link #reportTaskError}. */
    public record ReportedError(int worker, String taskName, Throwable error) {
    }

    private final int kernelId;
    private final String name;
    private final List<Integer> cores;
    private final Clock clock;
    private final List<Route> routes;
    private final List<Source> sources = new ArrayList<>();
    private final List<InboundChannel> inbound = new ArrayList<>();
    private final Map<Integer, OutboundChannel> outbound = new HashMap<>();
    private final WorkerMetrics[] metrics;
    private final Queue<ReportedError> errors = new ConcurrentLinkedQueue<>();
    private final Queue<String> runFailures = new ConcurrentLinkedQueue<>();
    private io.crosskernel.api.trace.HopTracer tracer = io.crosskernel.api.trace.HopTracer.NONE;
    private volatile long runStart;
    private volatile boolean sourcesOpen;
    private boolean mayStartThreads = true;
    private io.crosskernel.api.metrics.GeneratedPublisher generatedPublisher =
            io.crosskernel.api.metrics.GeneratedPublisher.NONE;

    private final List<String> announcements = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TestKernelContext(int kernelId, String name, int workers, Clock clock, List<Route> routes) {
        this.kernelId = kernelId;
        this.name = name;
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            c.add(i);
        }
        this.cores = List.copyOf(c);
        this.clock = clock;
        this.routes = List.copyOf(routes);
        this.metrics = new WorkerMetrics[workers];
        for (int i = 0; i < workers; i++) {
            metrics[i] = new WorkerMetrics(routes, kernelId);
        }
    }

    public TestKernelContext source(Source source) {
        sources.add(source);
        return this;
    }

    public TestKernelContext inbound(InboundChannel channel) {
        inbound.add(channel);
        return this;
    }

    /** Every worker gets {@code tracer} (tests use one worker). */
    public TestKernelContext tracer(io.crosskernel.api.trace.HopTracer tracer) {
        this.tracer = tracer;
        return this;
    }

    @Override
    public io.crosskernel.api.trace.HopTracer tracer(int worker) {
        return tracer;
    }

    /** Every worker gets {@code publisher}, as a kernel process's host would give each its own (tests use one). */
    public TestKernelContext generatedPublisher(io.crosskernel.api.metrics.GeneratedPublisher publisher) {
        this.generatedPublisher = publisher;
        return this;
    }

    @Override
    public io.crosskernel.api.metrics.GeneratedPublisher generatedPublisher(int worker) {
        return generatedPublisher;
    }

    /** As a simulated run's host does: the kernel must start no thread and do all its work in its duty cycles. */
    public TestKernelContext withoutThreads() {
        mayStartThreads = false;
        return this;
    }

    @Override
    public boolean mayStartThreads() {
        return mayStartThreads;
    }

    public TestKernelContext outbound(OutboundChannel channel) {
        outbound.put(channel.toKernel(), channel);
        return this;
    }

    public void openSources(long runStartNanos) {
        runStart = runStartNanos;
        sourcesOpen = true;
    }

    public void closeSources() {
        sourcesOpen = false;
    }

    public Queue<ReportedError> errors() {
        return errors;
    }

    /** Sum over workers of one per-route counter. */
    public long sum(Function<WorkerMetrics, SingleWriterCounter[]> counters, int routeId) {
        long total = 0;
        for (WorkerMetrics m : metrics) {
            total += counters.apply(m)[routeId].get();
        }
        return total;
    }

    /** Sum over workers of one counter. */
    public long sum(Function<WorkerMetrics, SingleWriterCounter> counter) {
        long total = 0;
        for (WorkerMetrics m : metrics) {
            total += counter.apply(m).get();
        }
        return total;
    }

    @Override
    public int kernelId() {
        return kernelId;
    }

    @Override
    public String kernelName() {
        return name;
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
    public List<InboundChannel> inbound() {
        return inbound;
    }

    @Override
    public OutboundChannel outboundTo(int kernelId) {
        return outbound.get(kernelId);
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
        return runStart;
    }

    @Override
    public boolean sourcesOpen() {
        return sourcesOpen;
    }

    @Override
    public WorkerMetrics metrics(int worker) {
        return metrics[worker];
    }

    @Override
    public void reportTaskError(int worker, String taskName, Throwable error) {
        errors.add(new ReportedError(worker, taskName, error));
    }

    @Override
    public void failRun(int worker, String reason, Throwable cause) {
        runFailures.add(reason);
    }

    /** Every reason given to {@link #failRun}, in order. */
    public Queue<String> runFailures() {
        return runFailures;
    }

    @Override
    public void announce(String message) {
        announcements.add(message);
    }

    /** Everything the kernel announced, in order. */
    public List<String> announcements() {
        return announcements;
    }
}
