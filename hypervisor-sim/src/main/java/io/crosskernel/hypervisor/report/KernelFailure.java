package io.crosskernel.hypervisor.report;

/**
 * One failure of a kernel process during a run (docs/PROCESSES.md, "When a kernel process dies"), as the host saw
 * it and what it did about it.
 *
 * @param kernel                     the kernel's name
 * @param pid                        the process that failed
 * @param cause                      how it ended: {@code exit status N}, {@code killed by signal 9 (SIGKILL)}, or for
 *                                   a process that stopped heartbeating {@code no heartbeat for 150ms (state T:
 *                                   stopped, e.g. SIGSTOP); killed by the host}
 * @param doing                      what it was doing when it failed: its state, the host's last command, and the
 *                                   messages it had taken, passed on and finished
 * @param detectedAfterNanos         from the moment the failure could first be seen (the JVM reaped the process; the
 *                                   last heartbeat the host saw advance) to the host's decision
 * @param action                     {@code stop}, {@code continue}, {@code restart}, or {@code stop (restarts
 *                                   exhausted)}
 * @param attempt                    the restart attempt this failure led to (1 for the first), 0 when none
 * @param lostInCrash                requests it had taken and not passed on or finished
 * @param restartedPid               the process that replaced it, or null when none was started or none ran
 * @param firstTaskAfterRestartNanos from the detection to the replacement's first completed task as the host saw it
 *                                   (at the supervision tick's resolution), or null when there was none
 */
public record KernelFailure(String kernel, long pid, String cause, String doing, long detectedAfterNanos,
        String action, int attempt, long lostInCrash, Long restartedPid, Long firstTaskAfterRestartNanos) {
    public KernelFailure {
        java.util.Objects.requireNonNull(kernel, "kernel");
        java.util.Objects.requireNonNull(cause, "cause");
        java.util.Objects.requireNonNull(action, "action");
    }

    /** One line for people: the kernel, its pid, the cause, what the host did. */
    public String describe() {
        return "kernel '" + kernel + "' (process " + pid + ") " + cause + "; " + lostInCrash + " request"
                + (lostInCrash == 1 ? "" : "s") + " lost in crash; detected after "
                + io.crosskernel.api.Units.formatNanos(detectedAfterNanos) + "; " + action
                + (restartedPid == null ? "" : " as process " + restartedPid)
                + (firstTaskAfterRestartNanos == null ? "" : ", first task done "
                        + io.crosskernel.api.Units.formatNanos(firstTaskAfterRestartNanos) + " after detection");
    }
}
