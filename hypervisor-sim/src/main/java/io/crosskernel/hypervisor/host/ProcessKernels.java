package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Units;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import io.crosskernel.hypervisor.channel.ChannelMemory;
import io.crosskernel.hypervisor.channel.ChannelStats;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import io.crosskernel.hypervisor.partition.KernelPlacement;
import io.crosskernel.hypervisor.process.ChildJvmCommand;
import io.crosskernel.hypervisor.process.ControlSlot;
import io.crosskernel.hypervisor.process.ControlSlot.Command;
import io.crosskernel.hypervisor.process.ControlSlot.State;
import io.crosskernel.hypervisor.process.CounterBridge;
import io.crosskernel.hypervisor.process.KernelCounters;
import io.crosskernel.hypervisor.process.LatencyResults;
import io.crosskernel.hypervisor.process.MappedChannelMemory;
import io.crosskernel.hypervisor.process.RunDirectory;
import io.crosskernel.hypervisor.process.RunDirectoryException;
import io.crosskernel.hypervisor.process.SharedCounters;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.topology.CpuList;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The kernel processes of one run (docs/PROCESSES.md): the run directory and its shared memory, one child JVM per
 * process-mode kernel, the commands the host sends them and the figures it mirrors from them.
 *
 * <p>Lifecycle, driven by {@link RunCycle}: {@link #prepare} (run directory, counters file) before the fabric is
 * built over {@link #memory()}; {@link #launch} at each process kernel's place in boot order, which waits until the
 * process has booted its kernel and started its workers; {@link #open} with the thread kernels' sources;
 * {@link #mirror} and {@link #failure} at each supervision tick; {@link #stop} after the host's own workers were
 * joined; {@link #close} in the run's {@code finally}, after the report was built (the report reads the mapped
 * rings): every child still alive is ended and reaped, and the run directory unmapped and deleted.
 *
 * <p>Threading: host thread only.
 */
final class ProcessKernels implements AutoCloseable {
    /** How long a kernel process may take to stop its workers and write its results after {@code STOP}. */
    static final long STOP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long an ended or signalled child gets to exit before the next, harder, step. */
    static final long EXIT_WAIT_MILLIS = 2_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Scenario scenario;
    private final RunDirectory dir;
    private final SharedCounters shared;
    private final MappedChannelMemory memory;
    private final List<KernelProcess> children = new ArrayList<>();
    private ChannelFabric fabric;

    private ProcessKernels(Scenario scenario, RunDirectory dir, SharedCounters shared) {
        this.scenario = scenario;
        this.dir = dir;
        this.shared = shared;
        this.memory = MappedChannelMemory.creating(dir, link -> inProcess(link.fromKernel())
                || inProcess(link.toKernel()));
    }

    /**
     * The run directory and counters file for {@code scenario}'s process-mode kernels, or null when it has none.
     *
     * @param announcements told which stale run directories were cleaned up
     * @throws ScenarioException (at {@code host.runDir}) when the run directory cannot be made or is too small
     */
    static ProcessKernels prepare(Scenario scenario, List<String> announcements) {
        if (scenario.kernels().stream().noneMatch(KernelDecl::inProcess)) {
            return null;
        }
        int capacity = KernelCounters.capacity(scenario);
        long bytes = SharedCounters.fileBytes(capacity);
        for (LinkSpec link : scenario.links()) {
            if (scenario.kernels().get(link.fromKernel()).inProcess()
                    || scenario.kernels().get(link.toKernel()).inProcess()) {
                bytes += SpscChannel.ringBytes(link.capacity());
            }
        }
        RunDirectory dir;
        try {
            dir = RunDirectory.create(scenario.host().runDir(), bytes);
        } catch (RunDirectoryException e) {
            throw new ScenarioException(scenario.host().runDirPos(), e.getMessage(), "set 'runDir' under 'host' to"
                    + " a writable directory with room (a tmpfs such as /dev/shm keeps the rings in memory)");
        }
        try {
            for (String stale : dir.cleanedStale()) {
                announcements.add("host: removed the run directory of a host that is gone: " + stale);
            }
            dir.writeText(KernelProcessMain.SCENARIO_FILE, scenario.sourceText());
            return new ProcessKernels(scenario, dir, SharedCounters.create(dir, capacity));
        } catch (RuntimeException | Error e) {
            dir.close();
            throw e;
        }
    }

    /**
     * Refuses, at the first process-mode kernel's {@code isolation}, what process isolation does not support yet:
     * a simulated run, a journal, traces.
     *
     * @throws ScenarioException naming the option and the kernel
     */
    static void refuseUnsupported(Scenario scenario, boolean simulated, boolean journaled, boolean traced) {
        String option = simulated ? "a simulated run (--sim)" : journaled ? "a journal (--journal)"
                : traced ? "traces (--trace)" : null;
        if (option == null) {
            return;
        }
        for (KernelDecl kernel : scenario.kernels()) {
            if (kernel.inProcess()) {
                throw new ScenarioException(kernel.isolationPos(), "kernel '" + kernel.name() + "' runs in a process"
                        + " of its own, and " + option + " is not supported with process isolation yet",
                        "run without that option, or give the kernel 'isolation: thread'; docs/PROCESSES.md says"
                                + " what is built");
            }
        }
    }

    private boolean inProcess(int kernelId) {
        return scenario.kernels().get(kernelId).inProcess();
    }

    /** Where the fabric puts each ring: a file of the run directory for a channel that touches a process kernel. */
    ChannelMemory memory() {
        return memory;
    }

    /**
     * Starts {@code decl}'s kernel process and waits until it has booted the kernel and every worker runs.
     *
     * @param context the host's context for the kernel: its metrics become the mirrors of the process's figures
     * @return the process; the caller adds one {@link KernelWorker#inProcess} per worker to the booted kernel
     * @throws RunFailedException when the process cannot start, exits, reports a failed boot, or does not boot in
     *     time; it is ended before this throws
     */
    KernelProcess launch(KernelDecl decl, KernelPlacement placement, HostKernelContext context,
            ChannelFabric fabric) {
        this.fabric = fabric;
        KernelCounters counters = KernelCounters.allocate(shared, scenario, decl);
        CounterBridge bridge = CounterBridge.of(shared, counters, context.allMetrics(), fabric);
        List<Integer> physical = new ArrayList<>();
        List<String> pins = new ArrayList<>();
        for (int i = 0; i < placement.cores().size(); i++) {
            if (placement.physical().get(i)) {
                physical.add(placement.cores().get(i));
            }
            pins.add(String.valueOf(placement.physical().get(i)));
        }
        List<String> command = ChildJvmCommand.of(physical, KernelProcessMain.class.getName(), List.of(
                "--run-dir", dir.path().toString(), "--kernel", decl.name(), "--seed",
                String.valueOf(scenario.seed()), "--pin", String.join(",", pins), "--host-pid",
                String.valueOf(ProcessHandle.current().pid())));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD).redirectError(Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new RunFailedException("kernel '" + decl.name() + "' could not start its process: "
                    + e.getMessage(), e);
        }
        KernelProcess child = new KernelProcess(decl, process, shared, counters, bridge, context.allMetrics());
        children.add(child);
        long deadline = System.nanoTime() + WorkerThreads.START_TIMEOUT_NANOS;
        long state = awaitState(child, s -> s != State.STARTING, deadline);
        if (state != State.RUNNING) {
            String why = !process.isAlive() ? child.exitDescription()
                    : state == State.FAILED ? "its boot failed" : "it did not boot within "
                    + Units.formatNanos(WorkerThreads.START_TIMEOUT_NANOS);
            throw new RunFailedException(child.label() + " failed to boot: " + why
                    + " (its messages are on standard error)", null);
        }
        return child;
    }

    /**
     * Waits until {@code child}'s state satisfies {@code done}, the process exits, or {@code deadline} passes; a
     * bounded wait on a condition, polled every millisecond.
     *
     * @return the last state read
     */
    private static long awaitState(KernelProcess child, LongPredicate done, long deadline) {
        long state = child.state();
        while (!done.test(state) && child.process.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            state = child.state();
        }
        return child.state();
    }

    /** What the kernel process reported for each worker's thread: granted CPUs and whether it is pinned. */
    List<KernelWorker> workers(KernelProcess child, KernelPlacement placement, WorkerMetrics[] metrics) {
        List<KernelWorker> workers = new ArrayList<>();
        for (int w = 0; w < placement.cores().size(); w++) {
            int[] pin = child.counters.pin(w);
            long mask = shared.getAcquire(pin[0]);
            List<Integer> granted = new ArrayList<>();
            for (int cpu = 0; cpu < Long.SIZE; cpu++) {
                if ((mask & (1L << cpu)) != 0) {
                    granted.add(cpu);
                }
            }
            boolean pinned = shared.getAcquire(pin[1]) != 0;
            int core = placement.cores().get(w);
            String detail = (pinned ? "pinned to CPU " + core : "not pinned, may run on CPUs "
                    + CpuList.format(granted)) + ", in process " + child.pid()
                    + (ChildJvmCommand.taskset() == null ? " (no taskset on the PATH: the process's other threads"
                    + " are not confined)" : "");
            workers.add(KernelWorker.inProcess(child.decl.name(), w, core, metrics[w],
                    new PinResult(core, granted, pinned, detail)));
        }
        return workers;
    }

    /** Host thread: publishes the run's start, then tells every kernel process to open its sources. */
    void open(long startNanos) {
        for (KernelProcess child : children) {
            shared.setRelease(child.counters.control(ControlSlot.RUN_START), startNanos);
            child.command(Command.OPEN);
        }
    }

    /** Host thread: the sources close (the end of the duration, a stop, an interruption). */
    void closeSources() {
        for (KernelProcess child : children) {
            child.command(Math.max(Command.CLOSE, shared.getAcquire(child.counters.control(ControlSlot.COMMAND))));
        }
    }

    /** Host thread, at the end of the warm-up: each kernel process discards what its recorders took so far. */
    void discardLatencies() {
        for (KernelProcess child : children) {
            int id = child.counters.control(ControlSlot.DISCARDS);
            shared.setRelease(id, shared.getAcquire(id) + 1);
        }
    }

    /** Host thread: every kernel process's published figures into the host's mirrors. */
    void mirror() {
        for (KernelProcess child : children) {
            child.bridge.mirror();
        }
    }

    /**
     * Host thread, each supervision tick: the first kernel process found dead or asking to stop the run, described
     * once; null when all are well.
     */
    String failure() {
        for (KernelProcess child : children) {
            if (child.endReported) {
                continue;
            }
            if (!child.process.isAlive() && child.state() != State.STOPPED) {
                child.endReported = true;
                child.bridge.mirror();
                return child.label() + " died: " + child.exitDescription() + "; " + lostInCrash(child);
            }
            if (child.stopRequested()) {
                child.endReported = true;
                return child.label() + " stopped the run (its messages are on standard error)";
            }
        }
        return null;
    }

    /**
     * What a dead kernel process held: messages its inbound rings delivered to it (exact: the rings' positions
     * outlive it) less those it sent on (its outbound rings' positions and its refusals) and those it finished
     * (completed or failed, as of its last published figures, so the figure may count a few it had finished).
     */
    private String lostInCrash(KernelProcess child) {
        int k = child.decl.id();
        long taken = 0;
        long passedOn = 0;
        List<LinkSpec> links = scenario.links();
        List<ChannelStats> stats = fabric.stats();
        for (int c = 0; c < links.size(); c++) {
            if (links.get(c).toKernel() == k) {
                taken += stats.get(c).delivered();
            }
            if (links.get(c).fromKernel() == k) {
                passedOn += stats.get(c).offered();
            }
        }
        long finished = 0;
        for (WorkerMetrics worker : child.mirrors) {
            for (int r = 0; r < worker.completed.length; r++) {
                finished += worker.completed[r].getAcquire() + worker.failed[r].getAcquire();
            }
        }
        long lost = Math.max(0, taken - passedOn - finished);
        return lost + " request" + (lost == 1 ? "" : "s") + " it had taken and not passed on or finished "
                + (lost == 1 ? "is" : "are") + " lost in crash (taken " + taken + ", passed on " + passedOn
                + ", finished " + finished + ")";
    }

    /**
     * Host thread, after the host's own workers were joined: tells every kernel process to stop, waits for each to
     * publish its final figures and write its latencies (at most {@link #STOP_TIMEOUT_NANOS}), mirrors those
     * figures and adds the latencies into the mirrors' recorders.
     *
     * @param problems told what did not go as it should (a process that died, did not stop, left no results)
     */
    void stop(Consumer<String> problems) {
        for (KernelProcess child : children) {
            child.command(Command.STOP);
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
        for (KernelProcess child : children) {
            long state = awaitState(child, s -> s == State.STOPPED || s == State.FAILED, deadline);
            child.bridge.mirror();
            if (state != State.STOPPED) {
                if (!child.endReported) {
                    problems.accept(child.label() + (child.process.isAlive() ? " did not stop within "
                            + Units.formatNanos(STOP_TIMEOUT_NANOS) : " ended before it stopped: "
                            + child.exitDescription()) + "; its figures are those it last published");
                }
                continue;
            }
            try {
                LatencyResults.readInto(dir.path().resolve(LatencyResults.fileName(child.decl.name())),
                        child.mirrors);
            } catch (IOException e) {
                problems.accept(child.label() + ": its latencies could not be read: " + e.getMessage());
            }
        }
    }

    /**
     * Ends every kernel process still alive (SIGTERM, then SIGKILL), reaps them all, then unmaps and deletes the
     * run directory. Call after the report was built: it reads the mapped rings.
     */
    @Override
    public void close() {
        for (KernelProcess child : children) {
            child.command(Command.STOP); // a run that failed before stop(): let the process end on its own first
        }
        for (KernelProcess child : children) {
            end(child.process);
        }
        dir.close();
    }

    /** Waits for {@code process} to exit, ending it if it does not: every child is reaped before this returns. */
    private static void end(Process process) {
        try {
            if (process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroy();
            if (process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroyForcibly().waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
