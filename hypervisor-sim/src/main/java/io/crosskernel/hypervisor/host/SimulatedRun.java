package io.crosskernel.hypervisor.host;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.Units;
import io.crosskernel.api.WorkCost;
import io.crosskernel.api.idle.IdleStrategies;
import io.crosskernel.api.idle.IdleStrategy;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.hypervisor.host.Hypervisor.BootedKernel;
import io.crosskernel.hypervisor.report.SimulationInfo;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.sim.SimClock;
import io.crosskernel.hypervisor.sim.SimEngine;
import io.crosskernel.hypervisor.sim.SimFault;
import io.crosskernel.hypervisor.sim.SimulationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host's side of a simulated run: what replaces the worker threads and the host thread's parking when the
 * {@link Hypervisor} simulates. Boot, supervision (warm-up, sampling, drain), shutdown and the report are the real
 * run's own code; only where time comes from and who calls {@code doWork} differ.
 *
 * <p>Threading: the host thread only; the engine runs every duty cycle on it.
 */
final class SimulatedRun {
    /** What a simulated report leaves out or fixes, so that the same inputs give the same bytes. */
    static final List<String> OMITTED = List.of(
            "kernels[].granted is empty and kernels[].pinned false: virtual cores are not pinned",
            "stalls is 0: the stall watchdog does not run (a virtual core cannot stall but by an injected fault)",
            "times are virtual: nothing in the report is read from the wall clock");

    private final Scenario scenario;
    private final SimulationSettings settings;
    private final SimClock clock;
    private final SimEngine engine;
    private final List<String> kernelNames = new ArrayList<>();
    /** What the booted kernels' real work is charged, by {@code TYPE.NAME}, sorted: the report lists it. */
    private final Map<String, WorkCost> charged = new TreeMap<>();

    /** Before the fabric is built: the engine is what the fabric puts between each channel's ends and its ring. */
    private final TaskErrorLog errors;
    /** The workers {@link #startWorkers} started, in order: {@link #stopWorkers} stops them. */
    private final List<KernelWorker> started = new ArrayList<>();

    SimulatedRun(Scenario scenario, SimulationSettings settings, SimClock clock, TaskErrorLog errors) {
        this.scenario = scenario;
        this.settings = settings;
        this.clock = clock;
        this.errors = errors;
        List<List<Integer>> cores = new ArrayList<>();
        List<IdleStrategy> idle = new ArrayList<>();
        for (KernelDecl decl : scenario.kernels()) {
            kernelNames.add(decl.name());
            cores.add(decl.cores());
            idle.add(IdleStrategies.forWorker(decl.idle()));
        }
        this.engine = new SimEngine(clock, settings.calibration(), settings.noise(), settings.seed(),
                settings.faults(), kernelNames, cores, idle);
        engine.errors((kernel, worker, error) -> errors.record(kernel, worker, "doWork", error));
    }

    /** {@link #OMITTED}, then one line per ingress workload saying what it receives instead of its socket's traffic. */
    private List<String> omitted() {
        List<String> lines = new ArrayList<>(OMITTED);
        for (WorkloadDecl workload : scenario.workloads()) {
            if (workload.schedule() instanceof ExternalArrivals external) {
                lines.add(SimulationInfo.INGRESS
                        + settings.ingress().describe(workload.route().name(), external.protocol()));
            }
        }
        return lines;
    }

    /** By work name, what kernels of {@code type} are charged for their real work: the calibration's, else the type's. */
    Map<String, WorkCost> workCosts(String type, KernelFactory factory) {
        Map<String, WorkCost> costs = new TreeMap<>();
        factory.modelledWork().forEach((work, typeDefault) -> {
            WorkCost cost = settings.calibration().workCost(type, work, typeDefault);
            costs.put(work, cost);
            charged.put(type + "." + work, cost);
        });
        return costs;
    }

    private static String describe(WorkCost cost) {
        return Units.formatNanos(cost.baseNanos()) + " + " + Units.formatNanos(cost.nanosPerKiB()) + "/KiB";
    }

    SimEngine engine() {
        return engine;
    }

    /** In place of starting threads: one {@link KernelWorker} per worker, started on this thread, never pinned. */
    long startWorkers(List<BootedKernel> booted, List<KernelWorker> workers) {
        for (BootedKernel kernel : booted) {
            List<Integer> cores = kernel.placement.cores();
            for (int i = 0; i < cores.size(); i++) {
                KernelWorker worker = KernelWorker.simulated(kernel.kernel, kernel.decl.name(), i, cores.get(i),
                        kernel.context.allMetrics()[i]);
                kernel.workers.add(worker);
                workers.add(worker);
                if (worker.startFailure() == null) {
                    started.add(worker);
                } else {
                    throw new RunFailedException("a kernel worker failed to start: " + worker.startFailure(),
                            worker.startFailure());
                }
            }
        }
        return clock.nanoTime();
    }

    /**
     * In place of joining threads, after the engine's last duty cycle: {@link Kernel#onWorkerStop} of every worker
     * that started, on this thread (the one that ran its duty cycles, as the contract asks), each once; a failure is
     * recorded as a real worker's would be. Idempotent.
     */
    void stopWorkers() {
        for (KernelWorker worker : started) {
            worker.stopSimulated(errors);
        }
        started.clear();
    }

    /** The sources are open from {@code runStartNanos}: every worker runs then. */
    void start(long runStartNanos) {
        engine.start(runStartNanos);
    }

    /** The host's pause: runs the engine up to the deadline or one supervision tick of virtual time. */
    void pauseUntil(long deadlineNanos) {
        engine.runUntil(Math.min(deadlineNanos, clock.nanoTime() + Hypervisor.SUPERVISION_TICK_NANOS));
    }

    /**
     * The schedule of {@code workload}'s source in this run: its own, except for an {@code ingress:} workload, whose
     * socket a simulated run does not open: it gets the arrivals a journal recorded, or none.
     */
    ArrivalSchedule scheduleOf(WorkloadDecl workload) {
        if (workload.schedule() instanceof ExternalArrivals) {
            return settings.ingress().scheduleFor(workload.route().name());
        }
        return workload.schedule().copy();
    }

    SimulationInfo info() {
        List<String> faults = new ArrayList<>();
        for (SimFault fault : settings.faults().all()) {
            faults.add(fault.describe());
        }
        List<String> crashed = new ArrayList<>();
        for (int k = 0; k < kernelNames.size(); k++) {
            if (engine.crashed(k)) {
                crashed.add(kernelNames.get(k));
            }
        }
        return new SimulationInfo("simulated", settings.seed(), settings.calibration().source(),
                settings.calibration().hop().describe(), settings.calibration().dutyCycleNanos(),
                settings.calibration().perWorkNanos(), settings.calibration().idle().describe(),
                charged.entrySet().stream().map(e -> e.getKey() + " " + describe(e.getValue())).toList(),
                settings.noise() == null ? null : settings.noise().source(), faults, engine.steps(), engine.hiccups(),
                engine.lostNanos(), engine.droppedByFaults(), crashed, omitted());
    }
}
