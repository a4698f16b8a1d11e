package io.crosskernel.kernels.realtime;

/**
 * The analysis's finding for one task.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name          the task's name
 * @param wcrtNanos     worst-case response time under a fixed-priority policy, {@link Long#MAX_VALUE} if it could not
 *                      be bounded; -1 under EDF, whose test is on the demand of the whole set rather than per task
 * @param deadlineNanos the task's relative deadline
 * @param ok            whether the task meets its deadline; under EDF false only for the task named as failing (the
 *                      one with a deadline at the point where demand exceeded the time available)
 */
public record TaskVerdict(String name, long wcrtNanos, long deadlineNanos, boolean ok) {
}
