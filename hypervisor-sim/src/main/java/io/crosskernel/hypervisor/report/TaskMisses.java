package io.crosskernel.hypervisor.report;

/**
 * The deadline misses of one realtime task (against the task's own deadline), by cause.
 *
 * @param task    the task's name on its kernel
 * @param misses  jobs that finished after release plus the task's deadline
 * @param byCause the same misses by cause
 */
public record TaskMisses(String task, long misses, MissCauses byCause) {
}
