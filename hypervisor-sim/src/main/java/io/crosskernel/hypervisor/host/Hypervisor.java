package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.hypervisor.channel.ChannelInterposer;
import io.crosskernel.hypervisor.journal.JournalEnd;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.hypervisor.partition.KernelPlacement;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.sim.SimClock;
import io.crosskernel.hypervisor.sim.SimulationSettings;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.trace.TraceSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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

    private final KernelTypes types;
    private final Clock clock;
    /** Null when runs are not traced. */
    private final TraceSession tracing;
    private final HostPlatform platform;
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
        this(types, clock, tracing, NativeHostPlatform.INSTANCE);
    }

    /** @param platform starts, pins and places threads; a test's stand-in can make each step fail */
    public Hypervisor(KernelTypes types, Clock clock, TraceSession tracing, HostPlatform platform) {
        this(types, clock, tracing, platform, ChannelInterposer.NONE, null);
    }

    /**
     * Tests only (package-private: no scenario or command reaches it): every channel of the runs gets
     * {@code interposer} between its sending end and its ring, to lose or duplicate a message there and check that
     * the report's accounting catches it.
     */
    Hypervisor(KernelTypes types, Clock clock, TraceSession tracing, ChannelInterposer interposer) {
        this(types, clock, tracing, NativeHostPlatform.INSTANCE, interposer, null);
    }

    private Hypervisor(KernelTypes types, Clock clock, TraceSession tracing, HostPlatform platform,
            ChannelInterposer interposer, SimulationSettings simulation) {
        this.types = types;
        this.clock = clock;
        this.tracing = tracing;
        this.platform = platform;
        this.interposer = Objects.requireNonNull(interposer, "interposer");
        this.simulation = simulation;
    }

    /**
     * A host whose runs are simulated: the same kernels, driven on the calling thread by a discrete-event engine in
     * virtual time, without pinning ({@link SimulatedRun}).
     */
    public static Hypervisor simulated(KernelTypes types, SimulationSettings simulation, TraceSession tracing) {
        return new Hypervisor(types, new SimClock(SimulationSettings.CLOCK_START_NANOS), tracing,
                NativeHostPlatform.INSTANCE, ChannelInterposer.NONE, simulation);
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
     * @throws RunFailedException when a kernel cannot boot or a worker cannot start (nothing ran; whatever had
     *     started is stopped and shut down first, see {@link RunCycle})
     */
    public RunReport run(Scenario scenario, PartitionPlan plan, RunListener listener) {
        return run(scenario, plan, listener, null);
    }

    /** {@link #run(Scenario, PartitionPlan, RunListener, RunJournal, RunInterruption)}, not interruptible. */
    public RunReport run(Scenario scenario, PartitionPlan plan, RunListener listener, RunJournal journal) {
        return run(scenario, plan, listener, journal, new RunInterruption());
    }

    /**
     * {@link #run(Scenario, PartitionPlan, RunListener)}, journaling the run into {@code journal} (when not null):
     * header, lifecycle events, every cross-kernel message, storage writes, the final state. The journal is closed
     * when this returns or throws.
     *
     * @param interruption ends the run early when requested (a signal): the run drains briefly and reports, marked
     *                     {@linkplain RunReport#interrupted() interrupted}
     */
    public RunReport run(Scenario scenario, PartitionPlan plan, RunListener listener, RunJournal journal,
            RunInterruption interruption) {
        if (journal == null) {
            return cycle(scenario, plan, listener, null, interruption).run();
        }
        try {
            journal.begin(scenario, plan);
            RunReport report = cycle(scenario, plan, RunListener.all(List.of(journal.listener(), listener)), journal,
                    interruption).run();
            if (report.interrupted() != null) {
                journal.finish(report, JournalEnd.INTERRUPTED, report.interrupted().signal());
            } else {
                journal.finish(report);
            }
            return report;
        } catch (RuntimeException | Error e) {
            journal.abort(e);
            throw e;
        }
    }

    private RunCycle cycle(Scenario scenario, PartitionPlan plan, RunListener listener, RunJournal journal,
            RunInterruption interruption) {
        return new RunCycle(scenario, plan, types, clock, tracing, platform, listener, journal, interruption,
                interposer, simulation);
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
        /** The kernel's process when it runs in one ({@code isolation: process}), else null; set at boot. */
        KernelProcess process;
        /** In a kernel process: its workers' acknowledgements that the sources are closed; null in the host. */
        SourcesClosedAck sourcesAck;

        BootedKernel(KernelDecl decl, KernelPlacement placement, Kernel kernel, HostKernelContext context) {
            this.decl = decl;
            this.placement = placement;
            this.kernel = kernel;
            this.context = context;
        }
    }
}
