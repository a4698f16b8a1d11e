package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.jfr.KernelBootEvent;
import io.crosskernel.api.jfr.KernelStopEvent;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.channel.ChannelMemory;
import io.crosskernel.hypervisor.process.ChildJvmCommand;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.hypervisor.jvm.CollectorPauses;
import io.crosskernel.hypervisor.partition.KernelPlacement;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.report.KernelDetails;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.HostSettings;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.sim.SimClock;
import io.crosskernel.hypervisor.sim.SimulationSettings;
import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.trace.TraceSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run, start to end, as one lifecycle: boot the kernels, start their workers, keep the JVM's threads off the
 * kernels' exclusive cores, supervise, then — in a {@code finally}, whatever threw — close the sources, stop and join
 * every worker, give the JVM's threads their cores back, and shut down every booted kernel in reverse boot order.
 *
 * <p>What happens on each failure (docs/ARCHITECTURE.md, "The run cycle"):
 * <ul>
 *   <li>a kernel's boot throws: the kernels booted before it are shut down (in reverse), later ones never boot;
 *       {@link RunFailedException}.</li>
 *   <li>a worker thread cannot be started, pinned, or its {@code onWorkerStart} throws: every started worker is
 *       stopped and joined, every kernel shut down; {@link RunFailedException}.</li>
 *   <li>a listener or the supervisor throws: the same clean-up, then the exception propagates.</li>
 *   <li>a worker does not stop within the join budget ({@link WorkerThreads}): the run fails naming it, and its
 *       kernel's {@code stats()} and {@code onShutdown()} are skipped (never close resources under a live thread).</li>
 * </ul>
 * A kernel's {@code stats()} and {@code onShutdown()} only ever run after all its workers have returned. Clean-up
 * failures are added as suppressed exceptions to the one that ended the run, or become report warnings.
 *
 * <p>Threading: the host thread, once; not reusable.
 */
final class RunCycle {
    private final Scenario scenario;
    private final PartitionPlan plan;
    private final KernelTypes types;
    private final Clock clock;
    /** Null when runs are not traced. */
    private final TraceSession tracing;
    private final HostPlatform platform;
    private final RunListener listener;
    /** Null when the run is not journaled. */
    private final RunJournal journal;
    private final RunInterruption interruption;
    /** Between each channel's ends and its ring: nothing in a run, a fault in accounting tests. */
    private final ChannelInterposer interposer;
    /** Null for a real run; otherwise the run is simulated on this thread in virtual time. */
    private final SimulationSettings simulation;

    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final List<String> announcements = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<BootedKernel> booted = new ArrayList<>();
    private final WorkerThreads workers;
    /** The run's kernel processes and their shared memory, or null when every kernel runs in a thread. */
    private ProcessKernels processes;
    /** The cores the JVM's threads were confined to while the run lasts, or null when none were moved. */
    private List<Integer> confinedTo;

    RunCycle(Scenario scenario, PartitionPlan plan, KernelTypes types, Clock clock, TraceSession tracing,
            HostPlatform platform, RunListener listener, RunJournal journal, RunInterruption interruption,
            ChannelInterposer interposer, SimulationSettings simulation) {
        this.scenario = scenario;
        this.plan = plan;
        this.types = types;
        this.clock = clock;
        this.tracing = tracing;
        this.platform = platform;
        this.listener = listener;
        this.journal = journal;
        this.interruption = interruption;
        this.interposer = interposer;
        this.simulation = simulation;
        this.workers = new WorkerThreads(platform);
    }

    RunReport run() {
        ProcessKernels.refuseUnsupported(scenario, simulation != null, journal != null, tracing != null);
        processes = simulation == null ? ProcessKernels.prepare(scenario, announcements) : null;
        try {
            return runKernels();
        } finally {
            if (processes != null) {
                // Last: the report has read the mapped rings. Ends and reaps every kernel process, deletes the files.
                processes.close();
            }
        }
    }

    private RunReport runKernels() {
        long bootStart = clock.nanoTime();
        HostSettings host = scenario.host();
        TaskErrorLog errors = new TaskErrorLog(host.onError() == HostSettings.OnError.STOP
                ? () -> stopReason.compareAndSet(null, "a task failed and the scenario says onError: stop")
                : () -> { }, reason -> stopReason.compareAndSet(null, reason));
        if (journal != null) {
            // A journal whose disk filled stops journaling and stops the run, with its one message.
            journal.failure().stopRunWith(reason -> stopReason.compareAndSet(null, reason));
        }
        SimulatedRun simulated = simulation == null ? null
                : new SimulatedRun(scenario, simulation, (SimClock) clock, errors);
        ChannelFabric fabric = new ChannelFabric(scenario.kernels().size(), scenario.links(),
                channel -> stopReason.compareAndSet(null, "channel " + channel.spec().label()
                        + " was full and its backpressure policy is 'fail'"),
                simulated == null ? interposer : simulated.engine(),
                processes == null ? ChannelMemory.DIRECT : processes.memory());
        // Virtual time has no collector pauses; a real run maps the collectors' notifications onto its clock.
        CollectorPauses collector = simulated == null ? CollectorPauses.start(clock) : null;
        RunSupervisor supervisor = null;
        long startNanos = 0;
        Throwable failure = null;
        try {
            if (simulated == null) {
                platform.warmUp();
            }
            boot(fabric, errors, simulated);
            if (simulated != null) {
                simulated.startWorkers(booted, new ArrayList<>());
            } else {
                workers.start(booted, clock, errors);
            }
            long runningNanos = clock.nanoTime();
            confinedTo = simulated == null ? confineJvmThreads() : null;
            listener.onStarted(new BootSummary(pinLines(), announcements, runningNanos - bootStart));

            if (collector != null) {
                // Boot allocated every pool, ring and histogram the run needs: collect the garbage it left now, so
                // the young generation starts empty and a steady state that allocates nothing never meets a GC
                // pause. The same collection maps the collectors' notification times onto the run's clock.
                collector.collectAndCalibrate();
            }
            startNanos = clock.nanoTime();
            for (BootedKernel kernel : booted) {
                kernel.context.openSources(startNanos);
            }
            if (processes != null) {
                processes.open(startNanos);
            }
            if (simulated != null) {
                simulated.start(startNanos);
            }
            if (journal != null) {
                journal.onRunStart(startNanos);
            }
            supervisor = simulated != null
                    ? new RunSupervisor(scenario, booted, fabric, errors, stopReason, listener, clock,
                            simulated::pauseUntil, Long.MAX_VALUE, interruption, null)
                    : new RunSupervisor(scenario, booted, fabric, errors, stopReason, listener, clock,
                            deadline -> Hypervisor.pauseUntil(clock, deadline), scenario.host().stallNanos(),
                            interruption, processes);
            supervisor.supervise(startNanos);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                stopEverything(failure, simulated);
            } finally {
                if (collector != null) {
                    collector.close();
                }
            }
        }

        long endNanos = clock.nanoTime();
        supervisor.watchdog().closeOpenStalls(endNanos);
        if (workers.stuck().isEmpty()) {
            // Only once no sender runs: a refusal run is the producer's state until then.
            fabric.closeRefusalRuns();
        }
        supervisor.finalSample(endNanos - startNanos);
        listener.onRecordings(supervisor.sampler().recordings());
        List<String> allWarnings = new ArrayList<>(plan.warnings());
        allWarnings.addAll(warnings);
        String runFailure = stopReason.get();
        if (runFailure == null && processes != null) {
            // A kernel that failed and stayed down (onKernelFailure: continue): the run went on, and it failed.
            for (KernelFailure kernelFailure : processes.failures()) {
                if (kernelFailure.action().equals("continue")) {
                    runFailure = "kernel '" + kernelFailure.kernel() + "' (process " + kernelFailure.pid() + ") "
                            + kernelFailure.cause() + ", and the run continued without it (onKernelFailure: continue)";
                    break;
                }
            }
        }
        return new ReportBuilder(scenario, plan, booted, fabric, errors, supervisor, allWarnings, announcements,
                processes).build(endNanos - startNanos, runFailure,
                        collector == null ? Intervals.NONE : collector.intervals(),
                        simulated == null ? null : simulated.info(), supervisor.interrupted(endNanos - startNanos));
    }

    /**
     * The {@code finally} of the run: nothing here may be skipped because an earlier step threw. {@code failure} is
     * what ended the run (null on the normal path); clean-up problems are added to it or become warnings.
     */
    private void stopEverything(Throwable failure, SimulatedRun simulated) {
        for (BootedKernel kernel : booted) {
            kernel.context.closeSources(); // nothing new enters while the workers wind down
        }
        if (processes != null) {
            processes.closeSources();
        }
        List<String> stuck = workers.stopAndJoin(message -> listener.onEvent(message));
        if (simulated != null) {
            simulated.stopWorkers(); // no thread to join: the engine ran its last duty cycle on this thread
        }
        if (processes != null) {
            // After the host's workers: a kernel process's last messages to them stay in the rings, counted in flight.
            processes.stop(warnings::add);
        }
        if (!stuck.isEmpty()) {
            String reason = "worker" + (stuck.size() == 1 ? " " : "s ") + String.join(", ", stuck)
                    + " did not stop within " + WorkerThreads.JOIN_ATTEMPTS * WorkerThreads.JOIN_ATTEMPT_MILLIS
                    + "ms (a task that never returns?)";
            if (!stopReason.compareAndSet(null, reason)) {
                warnings.add(reason);
            }
            if (failure != null) {
                failure.addSuppressed(new IllegalStateException(reason));
            }
        }
        if (confinedTo != null) {
            // Give the JVM's threads their cores back: the process (a test suite, an embedding application) goes on.
            try {
                platform.moveJvmThreads(confinedTo, plan.topology().allowedCpus());
            } catch (RuntimeException | Error e) {
                problem(failure, "could not give the JVM's threads their cores back: " + e, e);
            }
        }
        for (int k = booted.size() - 1; k >= 0; k--) {
            shutDown(booted.get(k), failure);
        }
    }

    /** Host thread, after the workers were joined: the kernel's figures, then its resources, unless it is stuck. */
    private void shutDown(BootedKernel kernel, Throwable failure) {
        String name = kernel.decl.name();
        if (!workers.allStopped(name)) {
            warnings.add("kernel '" + name + "' was not shut down: a worker of it is still running, and its "
                    + "resources are left open rather than closed under it");
            return;
        }
        KernelStopEvent stopEvent = KernelStopEvent.start();
        boolean clean = true;
        try {
            kernel.stats = KernelDetails.of(kernel.kernel.stats());
        } catch (RuntimeException | Error e) {
            clean = false;
            problem(failure, "kernel '" + name + "' could not report its figures: " + e, e);
        }
        try {
            kernel.kernel.onShutdown();
        } catch (RuntimeException | Error e) {
            clean = false;
            problem(failure, "kernel '" + name + "' failed to shut down cleanly: " + e, e);
        }
        stopEvent.finish(name, kernel.decl.type(), clean);
    }

    private void problem(Throwable failure, String warning, Throwable cause) {
        if (failure != null) {
            failure.addSuppressed(cause);
        } else {
            warnings.add(warning);
        }
    }

    /** Boots each kernel in scenario order, adding it to {@link #booted} as soon as its boot returned. */
    private void boot(ChannelFabric fabric, TaskErrorLog errors, SimulatedRun simulated) {
        List<Route> routes = new ArrayList<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            routes.add(workload.route());
        }
        for (KernelDecl decl : scenario.kernels()) {
            KernelPlacement placement = plan.kernels().get(decl.id());
            if (decl.inProcess()) {
                bootInProcess(decl, placement, fabric, routes, errors);
                continue;
            }
            List<Source> sources = new ArrayList<>();
            for (WorkloadDecl workload : scenario.workloads()) {
                if (workload.route().stage(0).kernelId() == decl.id()) {
                    sources.add(new Source(workload.route(),
                            simulated == null ? workload.schedule().copy() : simulated.scheduleOf(workload)));
                }
            }
            KernelFactory factory = types.get(decl.type());
            HostKernelContext context = new HostKernelContext(decl.id(), decl.name(), placement.cores(), clock,
                    fabric, routes, sources, errors, announcements, tracing,
                    journal == null ? null : journal.kernel(decl.id(), decl.name()), journal,
                    simulated == null, simulated == null ? Map.of() : simulated.workCosts(decl.type(), factory));
            Kernel kernel;
            KernelBootEvent bootEvent = KernelBootEvent.start();
            try {
                kernel = factory.create(decl.toSpec());
                kernel.onBoot(context);
            } catch (RuntimeException e) {
                bootEvent.finish(decl.name(), decl.type(), placement.cores(), String.valueOf(e.getMessage()));
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
    }

    /**
     * Boots {@code decl} in a process of its own (its sources release there, not here), and adds the host's stand-in
     * for it, whose metrics mirror the process's figures.
     */
    private void bootInProcess(KernelDecl decl, KernelPlacement placement, ChannelFabric fabric, List<Route> routes,
            TaskErrorLog errors) {
        HostKernelContext context = new HostKernelContext(decl.id(), decl.name(), placement.cores(), clock, fabric,
                routes, List.of(), errors, announcements);
        KernelBootEvent bootEvent = KernelBootEvent.start();
        KernelProcess child;
        try {
            child = processes.launch(decl, placement, context, fabric);
        } catch (RuntimeException e) {
            bootEvent.finish(decl.name(), decl.type(), placement.cores(), String.valueOf(e.getMessage()));
            throw e;
        }
        bootEvent.finish(decl.name(), decl.type(), placement.cores(), null);
        BootedKernel kernel = new BootedKernel(decl, placement, new RemoteKernel(decl.name(), child), context);
        kernel.process = child;
        kernel.workers.addAll(processes.workers(child, placement, context.allMetrics()));
        booted.add(kernel);
        announcements.add(decl.name() + ": runs in process " + child.pid() + " ("
                + (ChildJvmCommand.taskset() == null ? "no taskset on the PATH: only its workers are pinned"
                        : "confined to cores " + io.crosskernel.hypervisor.topology.CpuList.format(placement.cores())
                        + " with taskset") + ")");
    }

    private List<String> pinLines() {
        List<String> lines = new ArrayList<>();
        for (BootedKernel kernel : booted) {
            for (KernelWorker worker : kernel.workers) {
                lines.add(kernel.decl.name() + "[" + worker.worker() + "] core " + worker.core() + ": "
                        + worker.pinResult().detail());
            }
        }
        return lines;
    }

    /**
     * Keeps the JVM's own threads off the cores that a real-time or busy-spinning kernel owns alone, so nothing but
     * that kernel runs there (see {@link JvmThreadConfiner}).
     *
     * @return the cores the JVM's threads were confined to, or null when nothing was confined
     */
    private List<Integer> confineJvmThreads() {
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
        JvmThreadConfiner.Result result = platform.moveJvmThreads(plan.topology().allowedCpus(), rest);
        announcements.add("host: keeping cores " + CpuList.format(exclusive) + " for their kernels: "
                + result.detail());
        return result.moved() > 0 ? rest : null;
    }
}
