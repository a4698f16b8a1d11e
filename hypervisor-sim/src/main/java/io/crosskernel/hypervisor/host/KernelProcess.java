package io.crosskernel.hypervisor.host;

import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.hypervisor.process.ControlSlot;
import io.crosskernel.hypervisor.process.CounterBridge;
import io.crosskernel.hypervisor.process.KernelCounters;
import io.crosskernel.hypervisor.process.SharedCounters;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import java.util.Map;

/**
 * The host's handle on one kernel process: the child JVM, its control counters and the bridge that mirrors its
 * figures into the host's counters for that kernel.
 *
 * <p>Threading: host thread only.
 */
final class KernelProcess {
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    final KernelDecl decl;
    final Process process;
    final SharedCounters shared;
    final KernelCounters counters;
    final CounterBridge bridge;
    /** The host's metrics for the kernel's workers: mirrors of the process's, written by the host thread only. */
    final WorkerMetrics[] mirrors;
    /** True once the host has reported this process's end (a crash is reported once). */
    boolean endReported;

    KernelProcess(KernelDecl decl, Process process, SharedCounters shared, KernelCounters counters,
            CounterBridge bridge, WorkerMetrics[] mirrors) {
        this.mirrors = mirrors;
        this.decl = decl;
        this.process = process;
        this.shared = shared;
        this.counters = counters;
        this.bridge = bridge;
    }

    long pid() {
        return process.pid();
    }

    /** The process's state (a {@link ControlSlot.State} code), an acquire load. */
    long state() {
        return shared.getAcquire(counters.control(ControlSlot.STATE));
    }

    /** The host's command to the process (codes only rise), a release store. */
    void command(long command) {
        shared.setRelease(counters.control(ControlSlot.COMMAND), command);
    }

    /** True when something in the process asked the run to stop. */
    boolean stopRequested() {
        return shared.getAcquire(counters.control(ControlSlot.STOP_REQUEST)) != 0;
    }

    /** "kernel 'NAME' (process PID)", as messages name it. */
    String label() {
        return "kernel '" + decl.name() + "' (process " + pid() + ")";
    }

    /** How the process ended, once it has: an exit status, or the signal that killed it. */
    String exitDescription() {
        int status = process.exitValue();
        if (status > 128 && status < 160) {
            int signal = status - 128;
            return "killed by signal " + signal + (SIGNALS.containsKey(signal) ? " (" + SIGNALS.get(signal) + ")" : "");
        }
        return "exit status " + status;
    }
}
