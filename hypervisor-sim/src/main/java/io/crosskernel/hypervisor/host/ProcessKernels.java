package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
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
import io.crosskernel.hypervisor.process.KernelResults;
import io.crosskernel.hypervisor.process.LatencyResults;
import io.crosskernel.hypervisor.process.MappedChannelMemory;
import io.crosskernel.hypervisor.process.RunDirectory;
import io.crosskernel.hypervisor.process.RunDirectoryException;
import io.crosskernel.hypervisor.process.SharedCounters;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.KernelFailurePolicy;
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
 * {@link #mirror} and {@link #supervise} at each supervision tick (failures, restarts); {@link #stop} after the host's own workers were
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
    /**
     * A kernel process whose heartbeat (published every {@value KernelProcessMain#PUBLISH_MILLIS} ms) has not moved
     * for this long, and whose scheduler state is {@code T} (stopped by a signal, e.g. SIGSTOP) or {@code t} (by a
     * tracer), has failed: 100 ms is 50 missed heartbeats, and a stopped process is not coming back by itself (a
     * process only slow to be scheduled is not in state {@code T}, so a loaded machine does not trip this). The host
     * sees a heartbeat move at its supervision tick, so a stop is noticed 100 to 120 ms after the last heartbeat.
     */
    static final long HEARTBEAT_STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * A kernel process whose heartbeat has not moved for this long has failed whatever its state (a main thread stuck
     * or starved, a JVM in a very long pause): longer than {@link #HEARTBEAT_STALE_NANOS}, since a process that is
     * not stopped may only be slow.
     */
    static final long HEARTBEAT_LOST_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Scenario scenario;
    private final RunDirectory dir;
    private final SharedCounters shared;
    private final MappedChannelMemory memory;
    private final List<KernelProcess> children = new ArrayList<>();
    private final KernelFailurePolicy policy;
    /** The host thread: woken by a kernel process's exit ({@link KernelProcess.Incarnation}). */
    private Thread hostThread;
    private ChannelFabric fabric;
    /** Requests the kernel processes that failed had taken and not passed on or finished, all failures together. */
    private long lostInCrash;
    /** Failures whose figures did not add up (more passed on or finished than taken and released), for the report. */
    private final List<String> accountingProblems = new ArrayList<>();
    /** Messages for kernels that failed and stay down ({@code continue}), dropped by the host, by route. */
    private final long[] droppedKernelFailed;
    /** The kernel whose inbound rings the host is emptying, for {@link #dropHandler}; null between drains. */
    private KernelProcess draining;
    private final EnvelopeHandler dropHandler = this::dropForFailedKernel;

    private ProcessKernels(Scenario scenario, RunDirectory dir, SharedCounters shared) {
        this.scenario = scenario;
        this.dir = dir;
        this.shared = shared;
        this.policy = scenario.host().onKernelFailure();
        this.droppedKernelFailed = new long[scenario.workloads().size()];
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
        this.hostThread = Thread.currentThread();
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
        List<String> command = ChildJvmCommand.of(physical, decl.jvm(), KernelProcessMain.class.getName(), List.of(
                "--run-dir", dir.path().toString(), "--kernel", decl.name(), "--seed",
                String.valueOf(scenario.seed()), "--pin", String.join(",", pins), "--host-pid",
                String.valueOf(ProcessHandle.current().pid())));
        Process process;
        try {
            process = start(command);
        } catch (IOException e) {
            throw new RunFailedException("kernel '" + decl.name() + "' could not start its process: "
                    + e.getMessage(), e);
        }
        KernelProcess child = new KernelProcess(decl, process, hostThread, command, shared, counters, bridge,
                context.allMetrics());
        child.releases = scenario.workloads().stream().anyMatch(w -> w.route().stage(0).kernelId() == decl.id());
        children.add(child);
        long deadline = System.nanoTime() + WorkerThreads.START_TIMEOUT_NANOS;
        long state = awaitState(child, s -> s != State.STARTING, deadline);
        child.resetHeartbeat(System.nanoTime());
        if (state != State.RUNNING) {
            String why = !process.isAlive() ? child.exitDescription()
                    : state == State.FAILED ? "its boot failed" : "it did not boot within "
                    + Units.formatNanos(WorkerThreads.START_TIMEOUT_NANOS);
            throw new RunFailedException(child.label() + " failed to boot: " + why
                    + " (its messages are on standard error)", null);
        }
        child.collector = readCollector(decl);
        return child;
    }

    /** The collector the kernel process said it runs ({@link KernelProcessMain#COLLECTOR_FILE}), or null. */
    private String readCollector(KernelDecl decl) {
        try {
            return java.nio.file.Files.readString(dir.path().resolve(KernelProcessMain.collectorFile(decl.name())))
                    .trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectOutput(Redirect.DISCARD).redirectError(Redirect.INHERIT).start();
    }

    /**
     * Waits until {@code child}'s state satisfies {@code done}, the process exits, or {@code deadline} passes; a
     * bounded wait on a condition, polled every millisecond.
     *
     * @return the last state read
     */
    private static long awaitState(KernelProcess child, LongPredicate done, long deadline) {
        long state = child.state();
        while (!done.test(state) && child.process().isAlive() && System.nanoTime() < deadline) {
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

    /**
     * Host thread, in the drain: true once every running kernel process that releases requests has said that its
     * sources released their last one ({@link ControlSlot#SOURCES_DONE}, stored after its final generated counts were
     * published); then mirrors their figures, so the drain check reads generated counts that no longer change. Until
     * then a process's generated counts may lag what it released, and what finished elsewhere would make the drain
     * end with a request still travelling. A kernel that failed releases nothing more: its figures were settled.
     */
    boolean sourcesDone() {
        for (KernelProcess child : children) {
            if (child.releases && child.phase == KernelProcess.Phase.RUNNING
                    && shared.getAcquire(child.counters.control(ControlSlot.SOURCES_DONE)) == 0) {
                return false;
            }
        }
        mirror(); // after the acquire loads above: the final generated counts
        return true;
    }

    /** Host thread, at the end of the warm-up: each kernel process discards what its recorders took so far. */
    void discardLatencies() {
        for (KernelProcess child : children) {
            int id = child.counters.control(ControlSlot.DISCARDS);
            shared.setRelease(id, shared.getAcquire(id) + 1);
        }
    }

    /**
     * Host thread: every running kernel process's published figures into the host's mirrors. A kernel that failed is
     * not mirrored until its replacement runs: its figures are settled once, when its failure is handled, and the
     * host may count into them afterwards (messages dropped for it).
     */
    void mirror() {
        for (KernelProcess child : children) {
            if (child.phase == KernelProcess.Phase.RUNNING) {
                child.bridge.mirror();
            }
        }
    }

    /**
     * Host thread, each supervision tick and whenever a kernel process exits (its exit wakes the host thread): checks
     * every kernel process, handles a failure by the run's {@code onKernelFailure} policy, moves restarts on, and
     * drops what arrives for a kernel that stays down.
     *
     * <p>A process has failed when it exited without reporting {@code stopped} (SIGKILL, {@code System.exit}, an
     * {@code OutOfMemoryError} that ends the JVM, a native crash), or when its heartbeat has not moved for
     * {@link #HEARTBEAT_STALE_NANOS} and it is stopped ({@code /proc} state {@code T}), or for
     * {@link #HEARTBEAT_LOST_NANOS} in any state; such a process is killed (SIGKILL) and reaped before anything
     * else, so its rings and counters are final and no second consumer can ever meet it on a ring.
     *
     * @param events told what happened (a failure, a restart)
     * @return the reason the run must stop (policy {@code stop}, restarts exhausted, a process asking to stop), once;
     *     null otherwise
     */
    String supervise(long nowNanos, Consumer<String> events) {
        String stop = null;
        for (KernelProcess child : children) {
            String reason = switch (child.phase) {
                case RUNNING -> checkRunning(child, nowNanos, events);
                case BACKOFF -> nowNanos - child.phaseDeadlineNanos >= 0 ? restart(child, nowNanos, events) : null;
                case RESTARTING -> checkRestarting(child, nowNanos, events);
                case DEAD -> {
                    if (policy.action() == KernelFailurePolicy.Action.CONTINUE && !child.process().isAlive()) {
                        dropInbound(child); // only once it is gone: the host must be the rings' one consumer
                    }
                    yield null;
                }
            };
            if (stop == null) {
                stop = reason;
            }
        }
        return stop;
    }

    private String checkRunning(KernelProcess child, long nowNanos, Consumer<String> events) {
        KernelProcess.Incarnation current = child.current();
        if (!current.process.isAlive()) {
            if (child.state() == State.STOPPED) {
                return null; // stopped as told (the run's end)
            }
            long exitSeen = current.exitSeenNanos; // volatile: set by the reaper just before isAlive turned false
            return fail(child, "died: " + child.exitDescription(), exitSeen == 0 ? nowNanos : exitSeen, nowNanos,
                    events);
        }
        long age = child.heartbeatAge(nowNanos);
        if (age > HEARTBEAT_STALE_NANOS) {
            char state = KernelProcess.procState(child.pid());
            boolean stopped = state == 'T' || state == 't';
            if (stopped || age > HEARTBEAT_LOST_NANOS) {
                String cause = "stopped heartbeating: no heartbeat for " + Units.formatNanos(age) + " (state "
                        + state + (stopped ? ": stopped, e.g. by SIGSTOP" : "") + "); killed by the host";
                return fail(child, cause, child.heartbeatSeenNanos(), nowNanos, events);
            }
        }
        if (child.tasksAtRestart >= 0 && child.tasksCompleted() > child.tasksAtRestart) {
            child.tasksAtRestart = -1;
            int last = child.failures.size() - 1;
            KernelFailure f = child.failures.get(last);
            child.failures.set(last, new KernelFailure(f.kernel(), f.pid(), f.cause(), f.doing(),
                    f.detectedAfterNanos(), f.action(), f.attempt(), f.lostInCrash(), f.restartedPid(),
                    nowNanos - child.detectedAtNanos));
            events.accept("kernel '" + child.decl.name() + "': first task completed "
                    + Units.formatNanos(nowNanos - child.detectedAtNanos) + " after its failure was detected");
        }
        if (!child.endReported && child.stopRequested()) {
            child.endReported = true;
            return child.label() + " stopped the run (its messages are on standard error)";
        }
        return null;
    }

    private String checkRestarting(KernelProcess child, long nowNanos, Consumer<String> events) {
        long state = child.state();
        if (!child.process().isAlive()) {
            long exitSeen = child.current().exitSeenNanos;
            return fail(child, "died while restarting: " + child.exitDescription(),
                    exitSeen == 0 ? nowNanos : exitSeen, nowNanos, events);
        }
        if (state == State.FAILED || nowNanos - child.phaseDeadlineNanos >= 0) {
            return fail(child, state == State.FAILED ? "failed to boot when restarted"
                    : "did not boot within " + Units.formatNanos(WorkerThreads.START_TIMEOUT_NANOS)
                    + " when restarted", nowNanos, nowNanos, events);
        }
        if (state == State.RUNNING) {
            child.phase = KernelProcess.Phase.RUNNING;
            child.resetHeartbeat(nowNanos);
            child.bridge.mirror();
            child.tasksAtRestart = child.tasksCompleted();
            int last = child.failures.size() - 1;
            KernelFailure f = child.failures.get(last);
            child.failures.set(last, new KernelFailure(f.kernel(), f.pid(), f.cause(), f.doing(),
                    f.detectedAfterNanos(), f.action(), f.attempt(), f.lostInCrash(), child.pid(), null));
            events.accept("kernel '" + child.decl.name() + "' restarted as process " + child.pid() + " (attempt "
                    + child.restarts + " of " + policy.attempts() + "), "
                    + Units.formatNanos(nowNanos - child.detectedAtNanos) + " after its failure was detected");
        }
        return null;
    }

    /**
     * Handles one failure of {@code child}: makes sure the process is gone, settles its figures, counts what it lost
     * and applies the policy.
     *
     * @param seenNanos when the failure could first be seen: the process's exit as the reaper saw it, or the last
     *                  time its heartbeat was seen to move
     * @return the reason to stop the run, or null when the policy goes on
     */
    private String fail(KernelProcess child, String cause, long seenNanos, long nowNanos, Consumer<String> events) {
        long pid = child.pid();
        Process process = child.process();
        // Said at once: what follows (a kill and reap, the settling of its figures) takes milliseconds more.
        events.accept("kernel failure detected: kernel '" + child.decl.name() + "' (process " + pid + ") " + cause);
        if (process.isAlive()) {
            process.destroyForcibly(); // SIGKILL ends a stopped process too
        }
        try {
            process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A process SIGKILL did not end (stuck in the kernel, say) may still touch its rings: it is not restarted
        // (its replacement would be a second consumer) and its figures may still move.
        boolean gone = !process.isAlive();
        if (!gone) {
            cause += "; it did not end within " + EXIT_WAIT_MILLIS + "ms of SIGKILL";
        }
        String doing = settle(child, gone);
        long lost = child.lastLost;
        lostInCrash += lost;
        child.detectedAtNanos = nowNanos;
        child.tasksAtRestart = -1;
        String action;
        String stop = null;
        int attempt = 0;
        KernelFailurePolicy.Action what = policy.action();
        if (what == KernelFailurePolicy.Action.RESTART && child.restarts < policy.attempts() && gone) {
            attempt = ++child.restarts;
            action = "restart";
            child.phase = KernelProcess.Phase.BACKOFF;
            child.phaseDeadlineNanos = nowNanos + policy.backoffBefore(attempt);
        } else {
            child.phase = KernelProcess.Phase.DEAD;
            child.endReported = true;
            action = !gone ? "stop" : what == KernelFailurePolicy.Action.CONTINUE ? "continue"
                    : what == KernelFailurePolicy.Action.RESTART ? "stop (restarts exhausted)" : "stop";
        }
        KernelFailure failure = new KernelFailure(child.decl.name(), pid, cause, doing,
                Math.max(0, nowNanos - seenNanos), action, attempt, lost, null, null);
        child.failures.add(failure);
        String line = "kernel '" + child.decl.name() + "' (process " + pid + ") " + cause + "; " + lost + " request"
                + (lost == 1 ? "" : "s") + " it had taken and not passed on or finished " + (lost == 1 ? "is" : "are")
                + " lost in crash (" + doing + ")";
        switch (action) {
            case "restart" -> events.accept(line + "; restarting it in "
                    + Units.formatNanos(policy.backoffBefore(attempt)) + " (attempt " + attempt + " of "
                    + policy.attempts() + ")");
            case "continue" -> events.accept(line + "; the run continues without it, and messages for it are"
                    + " dropped (kernel failed)");
            default -> stop = line + (gone && what == KernelFailurePolicy.Action.RESTART ? "; its "
                    + policy.attempts() + " restarts are used up" : "");
        }
        return stop;
    }

    /**
     * After {@code child}'s process is gone: its last published figures into the mirrors, its channel ends' counts
     * made exact from the rings (the receiving ends took what the rings delivered, the sending ends handed over what
     * the rings hold or refused), written to the shared counters so that a restarted process resumes from them, and
     * what it lost: taken and released less passed on, completed, failed and dropped. A request it finished in its
     * last publish period but had not published yet is counted lost rather than finished: counted once either way.
     * Its releases are all published: the worker that polls its sources publishes each before the request can go
     * anywhere (docs/PROCESSES.md, "Sources in a process"). So what it lost cannot be negative; if its figures say
     * so anyway, that is an accounting problem, reported as one (and nothing is counted lost), not patched over.
     *
     * <p>A process killed inside an offer leaves the record it had claimed uncommitted, and the receiver would wait
     * at it for ever: when the process is gone, that record is released first
     * ({@link SpscChannel#releaseDeadProducersClaim}), and its request, which never left the process, is lost with it.
     *
     * @param gone false when the process did not end: it may still write its rings, so none is touched
     * @return what it was doing, for people
     */
    private String settle(KernelProcess child, boolean gone) {
        child.bridge.mirror();
        int k = child.decl.id();
        List<LinkSpec> links = scenario.links();
        List<SpscChannel> channels = fabric.channels();
        String cutOff = "";
        for (int c = 0; c < links.size() && gone; c++) {
            if (links.get(c).fromKernel() == k && channels.get(c).releaseDeadProducersClaim() > 0) {
                cutOff += "; killed inside an offer to '" + links.get(c).toName() + "' (its record released)";
            }
        }
        List<ChannelStats> stats = fabric.stats();
        long taken = 0;
        long passedOn = 0;
        for (int c = 0; c < links.size(); c++) {
            ChannelStats channel = stats.get(c);
            if (links.get(c).toKernel() == k) {
                taken += channel.delivered();
                // Release stores: the child is gone, the host is these counters' only writer until a new one starts.
                shared.setRelease(child.counters.consumers().get(c)[0], channel.delivered());
            }
            if (links.get(c).fromKernel() == k) {
                passedOn += channel.offered() - channel.rejected();
                shared.setRelease(child.counters.producers().get(c)[0], channel.offered());
            }
        }
        child.bridge.mirror();
        long finished = 0;
        long dropped = 0;
        long released = 0;
        for (WorkerMetrics worker : child.mirrors) {
            for (int r = 0; r < worker.completed.length; r++) {
                finished += worker.completed[r].getAcquire() + worker.failed[r].getAcquire();
                dropped += worker.dropped[r].getAcquire();
                released += worker.generated[r].getAcquire();
            }
        }
        long lost = taken + released - passedOn - finished - dropped;
        String unbalanced = "";
        if (lost < 0) {
            String surplus = "its figures count " + -lost + (lost == -1 ? " request" : " requests")
                    + " more passed on, finished or dropped than it took" + (child.releases ? " and released" : "");
            unbalanced = "; " + surplus;
            accountingProblems.add("kernel '" + child.decl.name() + "' (process " + child.pid() + "), settled after"
                    + " its failure: " + surplus + " (docs/PROCESSES.md, \"Lost in crash\")");
            lost = 0; // a negative loss would hide the surplus in the lost-in-crash total: reported above instead
        }
        child.lastLost = lost;
        long state = child.state();
        String where = state == State.RUNNING ? "running" : state == State.STARTING ? "starting"
                : state == State.STOPPED ? "stopped" : "failed";
        long command = child.command();
        String told = command >= Command.STOP ? "stop" : command >= Command.CLOSE ? "sources closed"
                : command >= Command.OPEN ? "run open" : "boot";
        return where + ", " + told + "; taken " + taken + (child.releases ? ", released " + released : "")
                + ", passed on " + passedOn + ", finished " + finished + ", dropped " + dropped + cutOff + unbalanced;
    }

    /** Host thread: starts a new process for {@code child} on the same run directory, rings and counters. */
    private String restart(KernelProcess child, long nowNanos, Consumer<String> events) {
        // Release stores: no process of the kernel runs now, so the host may write the process's own slots.
        shared.setRelease(child.counters.control(ControlSlot.STATE), State.STARTING);
        shared.setRelease(child.counters.control(ControlSlot.STOP_REQUEST), 0);
        shared.setRelease(child.counters.control(ControlSlot.PID), 0);
        Process process;
        try {
            process = start(child.command);
        } catch (IOException e) {
            child.phase = KernelProcess.Phase.DEAD;
            child.endReported = true;
            return "kernel '" + child.decl.name() + "' could not be restarted: " + e.getMessage();
        }
        child.incarnations.add(new KernelProcess.Incarnation(process, hostThread));
        child.phase = KernelProcess.Phase.RESTARTING;
        child.phaseDeadlineNanos = nowNanos + WorkerThreads.START_TIMEOUT_NANOS;
        long waiting = 0;
        List<LinkSpec> links = scenario.links();
        List<ChannelStats> stats = fabric.stats();
        for (int c = 0; c < links.size(); c++) {
            if (links.get(c).toKernel() == child.decl.id()) {
                waiting += stats.get(c).inFlight();
            }
        }
        events.accept("kernel '" + child.decl.name() + "': starting process " + process.pid() + " (attempt "
                + child.restarts + " of " + policy.attempts() + "); " + waiting + " messages wait for it in its"
                + " inbound rings");
        return null;
    }

    /**
     * Host thread, for a kernel that stays down: takes what arrived on its inbound rings and counts each message
     * dropped by its route (cause {@code kernel failed}). The host is the rings' consumer from now on: the kernel's
     * process is gone and none replaces it, so each ring keeps a single consumer.
     */
    private void dropInbound(KernelProcess child) {
        draining = child;
        for (InboundChannel inbound : fabric.inboundTo(child.decl.id())) {
            while (inbound.drain(dropHandler, 256) > 0) {
                // until the ring is empty for now
            }
        }
        draining = null;
    }

    private void dropForFailedKernel(Envelope message) {
        // Host thread: the failed kernel's mirrors are the host's alone now (no bridge mirrors into them).
        draining.mirrors[0].dropped[message.routeId].increment();
        droppedKernelFailed[message.routeId]++;
    }

    /** Requests lost in the crashes of kernel processes so far (the drain waits for no lost request). */
    long lostInCrash() {
        return lostInCrash;
    }

    /** Messages dropped because their kernel had failed and stayed down, by route. */
    long droppedKernelFailed(int route) {
        return droppedKernelFailed[route];
    }

    /**
     * Host thread: the failures whose settled figures did not add up, one line each (none expected: each is an
     * accounting problem of the report).
     */
    List<String> accountingProblems() {
        return List.copyOf(accountingProblems);
    }

    /** Every failure of every kernel process, in kernel then time order. */
    List<KernelFailure> failures() {
        List<KernelFailure> all = new ArrayList<>();
        for (KernelProcess child : children) {
            all.addAll(child.failures);
        }
        return all;
    }

    /**
     * Host thread, after the host's own workers were joined: tells every kernel process to stop, waits for each to
     * publish its final figures and write its results (at most {@link #STOP_TIMEOUT_NANOS}), mirrors those
     * figures, adds the latencies into the mirrors' recorders and keeps its kernel details, hiccups and misses
     * ({@link KernelResults}) for the report.
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
            if (child.phase == KernelProcess.Phase.RUNNING || child.phase == KernelProcess.Phase.RESTARTING) {
                child.bridge.mirror();
            }
            if (state != State.STOPPED) {
                if (!child.endReported) {
                    problems.accept(child.label() + (child.process().isAlive() ? " did not stop within "
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
            try {
                child.results = KernelResults.read(dir.path().resolve(KernelResults.fileName(child.decl.name())),
                        child.mirrors.length);
            } catch (IOException e) {
                problems.accept(child.label() + ": its kernel details, hiccups and misses could not be read: "
                        + e.getMessage());
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
            for (KernelProcess.Incarnation incarnation : child.incarnations) {
                end(incarnation.process);
            }
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
