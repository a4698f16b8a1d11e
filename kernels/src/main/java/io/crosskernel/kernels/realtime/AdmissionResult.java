package io.crosskernel.kernels.realtime;

import java.util.List;

/**
 * What admission control decided for a task set, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schedulable  true if every job is guaranteed to meet its deadline under the analysed policy and preemption
 * @param utilisation  Σ C/T of the set
 * @param tasks        one verdict per task, in the order the tasks were given
 * @param failingTask  the name of the task that fails (the highest-priority one under RM/DM), or null if none or if
 *                     no single task is to blame (utilisation above 1)
 * @param message      one line a person can act on: the policy, the utilisation, the failing task and the figures
 *                     that decided it
 */
public record AdmissionResult(boolean schedulable, double utilisation, List<TaskVerdict> tasks, String failingTask,
        String message) {

    public AdmissionResult {
        tasks = List.copyOf(tasks);
    }

    /** The verdict for the task called {@code name}. */
    public TaskVerdict verdict(String name) {
        for (TaskVerdict v : tasks) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no task called '" + name + "'");
    }
}
