package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.process.KernelResults;

import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.process.ControlSlot;
import io.crosskernel.hypervisor.process.CounterBridge;
import io.crosskernel.hypervisor.process.KernelCounters;
import io.crosskernel.hypervisor.process.SharedCounters;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The host's handle on one process-mode kernel across its life: the child JVM that runs it now (a restart replaces
 * it), its control counters, the bridge that mirrors its figures into the host's counters for that kernel, and what
 * the host saw of its failures.
 *
 * <p>Threading: host thread only, except {@link Incarnation#exitSeenNanos}, which the JVM's process reaper sets (see
 * there).
 */
final class KernelProcess {
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    /** Where the kernel is in its life, as the host drives it. */
    enum Phase {
        /** Its process runs the kernel (booted, workers running). */
        RUNNING,
        /** It failed and waits for its restart's backoff to pass. */
        BACKOFF,
        /** A new process was started for it and has not reported {@code running} yet. */
        RESTARTING,
        /** It failed and stays down ({@code continue}, or the run stops). */
        DEAD
    }

    /**
     * One child JVM that ran (or runs) the kernel. {@code exitSeenNanos} is written once by the JVM's process reaper
     * thread when the process exits ({@link Process#onExit()}) and read by the host thread: volatile, so the host
     * sees the time it was set with (and the reaper's unpark of the host thread happens after the store).
     */
    static final class Incarnation {
        final Process process;
        volatile long exitSeenNanos;

        Incarnation(Process process, Thread hostThread) {
            this.process = process;
            // For a child of this JVM the reaper thread waits on it (waitpid), so this runs within a millisecond or so
            // of its end: the host thread is woken at once instead of at its next supervision tick.
            process.onExit().thenRun(() -> {
                exitSeenNanos = System.nanoTime();
                LockSupport.unpark(hostThread);
            });
        }
    }

    final KernelDecl decl;
    final SharedCounters shared;
    final KernelCounters counters;
    final CounterBridge bridge;
    /** The host's metrics for the kernel's workers: mirrors of the process's, written by the host thread only. */
    final WorkerMetrics[] mirrors;
    /** The command line that starts a process for the kernel (the same for a restart). */
    final List<String> command;
    /** Every process started for the kernel, the current last: all are reaped when the run closes. */
    final List<Incarnation> incarnations = new ArrayList<>();
    /** What the host saw of the kernel's failures, in order. */
    final List<KernelFailure> failures = new ArrayList<>();

    Phase phase = Phase.RUNNING;
    /** The collector its JVM runs, as the process said at its boot ({@code G1}, {@code ZGC}, ...), or null. */
    String collector;
    /**
     * What its last process handed over at its end (kernel details, hiccups, misses: process.KernelResults), read by
     * {@link ProcessKernels#stop}; null when it left none (it failed, or did not stop in time).
     */
    KernelResults.Results results;
    /** True once the host has reported this kernel's end (a crash is reported once). */
    boolean endReported;
    /** Requests the last failure lost in crash. */
    long lastLost;
    /** Restarts started so far. */
    int restarts;
    /** Whether a workload starts on this kernel: its process releases requests (its sources, periodic tasks). */
    boolean releases;
    /** BACKOFF: when the next restart starts; RESTARTING: when it must report running by. */
    long phaseDeadlineNanos;
    /** Nanos at which the last failure was detected (for the time to the first task after its restart). */
    long detectedAtNanos;
    /** Tasks completed when the replacement reported running; -1 once its first task was seen (or none is awaited). */
    long tasksAtRestart = -1;
    /** The latest heartbeat time seen (a kernel process's beats carry the shared monotonic clock's time). */
    private long heartbeatSeenNanos;

    KernelProcess(KernelDecl decl, Process process, Thread hostThread, List<String> command, SharedCounters shared,
            KernelCounters counters, CounterBridge bridge, WorkerMetrics[] mirrors) {
        this.mirrors = mirrors;
        this.decl = decl;
        this.command = List.copyOf(command);
        this.shared = shared;
        this.counters = counters;
        this.bridge = bridge;
        incarnations.add(new Incarnation(process, hostThread));
    }

    /** The process that runs the kernel now (or ran it last). */
    Process process() {
        return current().process;
    }

    Incarnation current() {
        return incarnations.get(incarnations.size() - 1);
    }

    long pid() {
        return process().pid();
    }

    /** The process's state (a {@link ControlSlot.State} code), an acquire load. */
    long state() {
        return shared.getAcquire(counters.control(ControlSlot.STATE));
    }

    /** The host's command to the process (codes only rise), a release store. */
    void command(long command) {
        shared.setRelease(counters.control(ControlSlot.COMMAND), command);
    }

    long command() {
        return shared.getAcquire(counters.control(ControlSlot.COMMAND));
    }

    /** True when something in the process asked the run to stop. */
    boolean stopRequested() {
        return shared.getAcquire(counters.control(ControlSlot.STOP_REQUEST)) != 0;
    }

    /**
     * Host thread: how long ago the process's last heartbeat was, on the monotonic clock the host's processes share
     * (the process stores the time of each beat). Before the process's first beat, the time since
     * {@link #resetHeartbeat} (its start, as far as the host is concerned).
     */
    long heartbeatAge(long nowNanos) {
        long beat = shared.getAcquire(counters.control(ControlSlot.HEARTBEAT));
        if (beat - heartbeatSeenNanos > 0) {
            heartbeatSeenNanos = beat;
        }
        return nowNanos - heartbeatSeenNanos;
    }

    /** The time of the last heartbeat seen (or of the last reset, when none came after it). */
    long heartbeatSeenNanos() {
        return heartbeatSeenNanos;
    }

    /** Forgets the heartbeats seen so far: a new process beats from its start. */
    void resetHeartbeat(long nowNanos) {
        heartbeatSeenNanos = nowNanos;
    }

    /** "kernel 'NAME' (process PID)", as messages name it. */
    String label() {
        return "kernel '" + decl.name() + "' (process " + pid() + ")";
    }

    /** Tasks completed by the kernel's workers, as mirrored. */
    long tasksCompleted() {
        long total = 0;
        for (WorkerMetrics worker : mirrors) {
            total += worker.tasksCompleted.getAcquire();
        }
        return total;
    }

    /** How the current process ended, once it has: an exit status, or the signal that killed it. */
    String exitDescription() {
        return exitDescription(process().exitValue());
    }

    static String exitDescription(int status) {
        if (status > 128 && status < 160) {
            int signal = status - 128;
            return "killed by signal " + signal + (SIGNALS.containsKey(signal) ? " (" + SIGNALS.get(signal) + ")" : "");
        }
        if (status == 3) {
            // The JVM's own status for -XX:+ExitOnOutOfMemoryError, and the kernel process's for a kernel it gave
            // up on: its standard error says which.
            return "exit status 3 (an OutOfMemoryError, or the kernel process gave up: see its standard error)";
        }
        return "exit status " + status;
    }

    /**
     * The scheduler state letter of {@code pid} from {@code /proc/PID/stat} ({@code R} running, {@code S} sleeping,
     * {@code T} stopped by a signal, {@code t} stopped by a tracer, {@code Z} a zombie, ...), or {@code ?} when it
     * cannot be read (not Linux, or the process is gone).
     */
    static char procState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int close = stat.lastIndexOf(')'); // the command name, in parentheses, may hold spaces and ')'
            return close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }
}
