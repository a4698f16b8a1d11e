package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.Units;
import io.crosskernel.api.idle.IdleStrategies;
import io.crosskernel.api.jfr.KernelBootEvent;
import io.crosskernel.api.jfr.KernelStopEvent;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.hypervisor.jvm.CollectorPauses;
import io.crosskernel.hypervisor.partition.KernelPlacement;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.report.KernelDetails;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.HostSettings;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.sim.SimClock;
import io.crosskernel.hypervisor.sim.SimulationSettings;
import io.crosskernel.hypervisor.trace.TraceSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The host: boots the kernels of a planned scenario on their pinned workers, runs the workload for the scenario's
 * duration, drains, stops everything and reports.
 *
 * <p>Threading: {@link #run} executes on the calling thread (the host thread), which also supervises: it watches for
 * stalls and failures, publishes progress, and is the only reader of the kernels' latency recorders. One
 * {@code Hypervisor} runs one scenario at a time.
 */
public final class Hypervisor {
    /** How often the host looks at its kernels while they run. */
    static final long SUPERVISION_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long WORKER_START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long WORKER_JOIN_TIMEOUT_MILLIS = 2_000;

    private final KernelTypes types;
    private final Clock clock;
    /** Null when runs are not traced. */
    private final TraceSession tracing;
    /** {@link ChannelInterposer#NONE} except in accounting tests, which put a fault inside a channel. */
    private final ChannelInterposer interposer;
    /** Null for real runs: threads on pinned cores. Otherwise every run is simulated (docs/SIMULATION.md). */
    private final SimulationSettings simulation;

    public Hypervisor(KernelTypes types, Clock clock) {
        this(types, clock, null);
    }

    /**
     * @param tracing gives every kernel worker its trace buffer; read it with {@link TraceSession#collect} once
     *                {@link #run} has returned. Null: no tracing.
     */
    public Hypervisor(KernelTypes types, Clock clock, TraceSession tracing) {
        this(types, clock, tracing, ChannelInterposer.NONE, null);
    }

    /**
     * Tests only (package-private: no scenario or command reaches it): every channel of the runs gets
     * {@code interposer} between its sending end and its ring, to lose or duplicate a message there and check that
     * the report's accounting catches it.
     */
    Hypervisor(KernelTypes types, Clock clock, TraceSession tracing, ChannelInterposer interposer) {
        this(types, clock, tracing, interposer, null);
    }

    private Hypervisor(KernelTypes types, Clock clock, TraceSession tracing, ChannelInterposer interposer,
            SimulationSettings simulation) {
        this.types = types;
        this.clock = clock;
        this.tracing = tracing;
        this.interposer = Objects.requireNonNull(interposer, "interposer");
        this.simulation = simulation;
    }

    /**
     * A host whose runs are simulated: the same kernels, driven on the calling thread by a discrete-event engine in
     * virtual time, without pinning ({@link SimulatedRun}).
     */
    public static Hypervisor simulated(KernelTypes types, SimulationSettings simulation, TraceSession tracing) {
        return new Hypervisor(types, new SimClock(SimulationSettings.CLOCK_START_NANOS), tracing,
                ChannelInterposer.NONE, simulation);
    }

    /** The host's clock: the wall clock of a real run, the virtual clock of a simulated one (journals use it). */
    public Clock clock() {
        return clock;
    }

    /**
     * Runs {@code scenario} on the cores {@code plan} assigns.
     *
     * @return the report; a run stopped by a {@code fail} channel, an {@code onError: stop} policy or a worker that
     *     would not stop carries the reason in {@link RunReport#failure()}
     * @throws RunFailedException when a kernel cannot boot or a worker cannot start (nothing ran)
     */
    public RunReport run(Scenario scenario, PartitionPlan plan, RunListener listener) {
        return run(scenario, plan, listener, null);
    }

    /**
     * {@link #run(Scenario, PartitionPlan, RunListener)}, journaling the run into {@code journal} (when not null):
     * header, lifecycle events, every cross-kernel message, storage writes, the final state. The journal is closed
     * when this returns or throws.
     */
    public RunReport run(Scenario scenario, PartitionPlan plan, RunListener listener, RunJournal journal) {
        if (journal == null) {
            return execute(scenario, plan, listener, null);
        }
        try {
            journal.begin(scenario, plan);
            RunReport report = execute(scenario, plan, RunListener.all(List.of(journal.listener(), listener)),
                    journal);
            journal.finish(report);
            return report;
        } catch (RuntimeException | Error e) {
            journal.abort(e);
            throw e;
        }
    }

    private RunReport execute(Scenario scenario, PartitionPlan plan, RunListener listener, RunJournal journal) {
        long bootStart = clock.nanoTime();
        HostSettings host = scenario.host();
        AtomicReference<String> stopReason = new AtomicReference<>();
        TaskErrorLog errors = new TaskErrorLog(host.onError() == HostSettings.OnError.STOP
                ? () -> stopReason.compareAndSet(null, "a task failed and the scenario says onError: stop")
                : () -> { }, reason -> stopReason.compareAndSet(null, reason));
        if (journal != null) {
            // A journal whose disk filled stops journaling and stops the run, with its one message.
            journal.failure().stopRunWith(reason -> stopReason.compareAndSet(null, reason));
        }
        List<Route> routes = new ArrayList<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            routes.add(workload.route());
        }

        SimulatedRun simulated = simulation == null ? null
                : new SimulatedRun(scenario, simulation, (SimClock) clock, errors);
        ChannelFabric fabric = new ChannelFabric(scenario.kernels().size(), scenario.links(),
                channel -> stopReason.compareAndSet(null, "channel " + channel.spec().label()
                        + " was full and its backpressure policy is 'fail'"),
                simulated == null ? interposer : simulated.engine());

        if (simulated == null) {
            ThreadPinner.warmUp();
        }
        List<String> announcements = new CopyOnWriteArrayList<>();
        List<BootedKernel> booted = boot(scenario, plan, fabric, routes, errors, announcements, journal, simulated);
        try (CollectorPauses collector = simulated == null ? CollectorPauses.start(clock) : null) {
            return runBooted(scenario, plan, listener, journal, bootStart, stopReason, errors, fabric, booted,
                    announcements, collector, simulated);
        }
    }

    /**
     * @param collector the collector's pause notifications, or null in a simulated run (virtual time has no pauses)
     * @param simulated the simulation driving the run, or null for a real run on pinned threads
     */
    private RunReport runBooted(Scenario scenario, PartitionPlan plan, RunListener listener, RunJournal journal,
            long bootStart, AtomicReference<String> stopReason, TaskErrorLog errors, ChannelFabric fabric,
            List<BootedKernel> booted, List<String> announcements, CollectorPauses collector,
            SimulatedRun simulated) {
        List<KernelWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long startNanos = simulated != null ? simulated.startWorkers(booted, workers)
                : startWorkers(booted, workers, threads, errors);
        List<String> pinLines = new ArrayList<>();
        for (BootedKernel kernel : booted) {
            for (KernelWorker worker : kernel.workers) {
                pinLines.add(kernel.decl.name() + "[" + worker.worker() + "] core " + worker.core() + ": "
                        + worker.pinResult().detail());
            }
        }
        List<Integer> confinedTo = simulated != null ? null : confineJvmThreads(scenario, plan, announcements);
        listener.onStarted(new BootSummary(pinLines, announcements, startNanos - bootStart));

        if (collector != null) {
            // Boot allocated every pool, ring and histogram the run needs: collect the garbage it left now, so the
            // young generation starts empty and a steady state that allocates nothing never meets a GC pause. The
            // same collection maps the collectors' notification times onto the run's clock.
            collector.collectAndCalibrate();
        }
        startNanos = clock.nanoTime();
        for (BootedKernel kernel : booted) {
            kernel.context.openSources(startNanos);
        }
        if (simulated != null) {
            simulated.start(startNanos);
        }
        if (journal != null) {
            journal.onRunStart(startNanos);
        }
        RunSupervisor supervisor = simulated != null
                ? new RunSupervisor(scenario, booted, fabric, errors, stopReason, listener, clock, simulated::pauseUntil,
                        Long.MAX_VALUE)
                : new RunSupervisor(scenario, booted, fabric, errors, stopReason, listener, clock,
                        deadline -> pauseUntil(clock, deadline), scenario.host().stallNanos());
        supervisor.supervise(startNanos);

        for (KernelWorker worker : workers) {
            worker.stop();
        }
        List<String> warnings = new ArrayList<>(plan.warnings());
        boolean allStopped = true;
        for (int i = 0; i < threads.size(); i++) {
            Thread thread = threads.get(i);
            try {
                thread.join(WORKER_JOIN_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                allStopped = false;
                stopReason.compareAndSet(null, "worker " + thread.getName() + " did not stop within "
                        + WORKER_JOIN_TIMEOUT_MILLIS + "ms (a task that never returns?)");
            }
        }
        long endNanos = clock.nanoTime();
        supervisor.watchdog().closeOpenStalls(endNanos);
        if (allStopped) {
            // Only once no sender runs: a refusal run is the producer's state until then.
            fabric.closeRefusalRuns();
        }
        if (confinedTo != null) {
            // Give the JVM's threads their cores back: the process (a test suite, an embedding application) goes on.
            JvmThreadConfiner.confineUnpinnedThreads(confinedTo, plan.topology().allowedCpus());
        }
        for (BootedKernel kernel : booted) {
            KernelStopEvent stopEvent = KernelStopEvent.start();
            boolean clean = true;
            try {
                kernel.stats = KernelDetails.of(kernel.kernel.stats());
            } catch (RuntimeException e) {
                clean = false;
                warnings.add("kernel '" + kernel.decl.name() + "' could not report its figures: " + e);
            }
            try {
                kernel.kernel.onShutdown();
            } catch (RuntimeException e) {
                clean = false;
                warnings.add("kernel '" + kernel.decl.name() + "' failed to shut down cleanly: " + e);
            }
            stopEvent.finish(kernel.decl.name(), kernel.decl.type(), clean);
        }
        supervisor.finalSample(endNanos - startNanos);
        listener.onRecordings(supervisor.sampler().recordings());
        return new ReportBuilder(scenario, plan, booted, fabric, errors, supervisor, warnings, announcements)
                .build(endNanos - startNanos, stopReason.get(),
                        collector == null ? Intervals.NONE : collector.intervals(),
                        simulated == null ? null : simulated.info());
    }

    private List<BootedKernel> boot(Scenario scenario, PartitionPlan plan, ChannelFabric fabric, List<Route> routes,
            TaskErrorLog errors, List<String> announcements, RunJournal journal, SimulatedRun simulated) {
        List<BootedKernel> booted = new ArrayList<>();
        for (KernelDecl decl : scenario.kernels()) {
            KernelPlacement placement = plan.kernels().get(decl.id());
            List<Source> sources = new ArrayList<>();
            for (WorkloadDecl workload : scenario.workloads()) {
                if (workload.route().stage(0).kernelId() == decl.id()) {
                    sources.add(new Source(workload.route(), workload.schedule().copy()));
                }
            }
            KernelFactory factory = types.get(decl.type());
            HostKernelContext context = new HostKernelContext(decl.id(), decl.name(), placement.cores(), clock,
                    fabric, routes, sources, errors, announcements, tracing,
                    journal == null ? null : journal.kernel(decl.id(), decl.name()), journal);
            Kernel kernel;
            KernelBootEvent bootEvent = KernelBootEvent.start();
            try {
                kernel = factory.create(decl.toSpec());
                kernel.onBoot(context);
            } catch (RuntimeException e) {
                bootEvent.finish(decl.name(), decl.type(), placement.cores(), String.valueOf(e.getMessage()));
                // The kernels already booted may hold sockets or files: release them before giving up.
                for (BootedKernel earlier : booted) {
                    try {
                        earlier.kernel.onShutdown();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw new RunFailedException("kernel '" + decl.name() + "' (" + decl.type() + ") failed to boot: "
                        + e.getMessage(), e);
            }
            bootEvent.finish(decl.name(), decl.type(), placement.cores(), null);
            for (WorkerMetrics metrics : context.allMetrics()) {
                metrics.hiccups.threshold(scenario.host().hiccupThresholdNanos());
            }
            booted.add(new BootedKernel(decl, placement, kernel, context));
            if (simulated != null) {
                simulated.engine().attach(decl.id(), kernel, context, context.allMetrics());
            }
        }
        return booted;
    }

    /** Starts every worker thread and waits until all are pinned and running. */
    private long startWorkers(List<BootedKernel> booted, List<KernelWorker> workers, List<Thread> threads,
            TaskErrorLog errors) {
        int total = 0;
        for (BootedKernel kernel : booted) {
            total += kernel.placement.cores().size();
        }
        CountDownLatch started = new CountDownLatch(total);
        for (BootedKernel kernel : booted) {
            List<Integer> cores = kernel.placement.cores();
            WorkerMetrics[] metrics = kernel.context.allMetrics();
            for (int i = 0; i < cores.size(); i++) {
                KernelWorker worker = new KernelWorker(kernel.kernel, kernel.decl.name(), i, cores.get(i),
                        kernel.placement.physical().get(i), IdleStrategies.forWorker(kernel.decl.idle()), clock,
                        metrics[i], errors, started);
                Thread thread = new Thread(worker, "xk-" + kernel.decl.name() + "-" + i);
                thread.setDaemon(true);
                kernel.workers.add(worker);
                workers.add(worker);
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            thread.start();
        }
        try {
            if (!started.await(WORKER_START_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                stopAll(workers);
                throw new RunFailedException("kernel workers did not start within "
                        + Units.formatNanos(WORKER_START_TIMEOUT_NANOS), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll(workers);
            throw new RunFailedException("interrupted while starting kernel workers", e);
        }
        for (KernelWorker worker : workers) {
            if (worker.startFailure() != null) {
                stopAll(workers);
                throw new RunFailedException("a kernel worker failed to start: " + worker.startFailure(),
                        worker.startFailure());
            }
        }
        return clock.nanoTime();
    }

    /**
     * Keeps the JVM's own threads off the cores that a real-time or busy-spinning kernel owns alone, so nothing but
     * that kernel runs there (see {@link JvmThreadConfiner}).
     *
     * @return the cores the JVM's threads were confined to, or null when nothing was confined
     */
    private static List<Integer> confineJvmThreads(Scenario scenario, PartitionPlan plan, List<String> announcements) {
        Map<Integer, Integer> users = new HashMap<>();
        for (KernelPlacement placement : plan.kernels()) {
            for (int core : placement.cores()) {
                users.merge(core, 1, Integer::sum);
            }
        }
        List<Integer> exclusive = new ArrayList<>();
        for (KernelDecl decl : scenario.kernels()) {
            KernelPlacement placement = plan.kernels().get(decl.id());
            boolean latencyCritical = decl.type().equals("realtime") || decl.idle().equals("busy-spin");
            for (int i = 0; i < placement.cores().size(); i++) {
                int core = placement.cores().get(i);
                if (latencyCritical && placement.physical().get(i) && users.get(core) == 1) {
                    exclusive.add(core);
                }
            }
        }
        if (exclusive.isEmpty()) {
            return null;
        }
        List<Integer> rest = new ArrayList<>(plan.topology().usableCpus());
        rest.removeAll(exclusive);
        JvmThreadConfiner.Result result =
                JvmThreadConfiner.confineUnpinnedThreads(plan.topology().allowedCpus(), rest);
        announcements.add("host: keeping cores " + CpuList.format(exclusive) + " for their kernels: "
                + result.detail());
        return result.moved() > 0 ? rest : null;
    }

    private static void stopAll(List<KernelWorker> workers) {
        for (KernelWorker worker : workers) {
            worker.stop();
        }
    }

    /** Parks the host thread until {@code deadlineNanos} or one supervision tick, whichever comes first. */
    static void pauseUntil(Clock clock, long deadlineNanos) {
        long wait = Math.min(SUPERVISION_TICK_NANOS, deadlineNanos - clock.nanoTime());
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** A booted kernel and everything the host keeps about it. */
    static final class BootedKernel {
        final KernelDecl decl;
        final KernelPlacement placement;
        final Kernel kernel;
        final HostKernelContext context;
        final List<KernelWorker> workers = new ArrayList<>();
        /** Written by the host thread after the workers stopped. */
        Map<String, Object> stats = Map.of();

        BootedKernel(KernelDecl decl, KernelPlacement placement, Kernel kernel, HostKernelContext context) {
            this.decl = decl;
            this.placement = placement;
            this.kernel = kernel;
            this.context = context;
        }
    }
}
