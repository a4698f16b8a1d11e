package io.crosskernel.hypervisor.scenario;

import java.util.concurrent.TimeUnit;

/**
 * What the host does when a kernel process dies or stops heartbeating ({@code host.onKernelFailure},
 * docs/PROCESSES.md, "When a kernel process dies").
 *
 * <ul>
 *   <li>{@link Action#STOP}: the run stops, exit 3;</li>
 *   <li>{@link Action#CONTINUE}: the other kernels go on; messages for the dead kernel are dropped (cause
 *       {@code kernel failed}) and the run ends at its duration, failed;</li>
 *   <li>{@link Action#RESTART}: a new process on the same run directory and rings, at most {@code attempts} times,
 *       the n-th after {@code backoff × 2^(n-1)}; when they are exhausted, as {@code STOP}.</li>
 * </ul>
 *
 * @param attempts     restarts allowed per kernel (restart only; 0 otherwise)
 * @param backoffNanos the wait before the first restart, doubled for each next one (restart only; 0 otherwise)
 */
public record KernelFailurePolicy(Action action, int attempts, long backoffNanos) {
    /** {@code onKernelFailure: restart} written without its settings: three attempts, 100 ms apart then doubling. */
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final long DEFAULT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    public static final KernelFailurePolicy STOP = new KernelFailurePolicy(Action.STOP, 0, 0);

    /** The policy's three actions. */
    public enum Action {
        STOP, CONTINUE, RESTART;

        public String alias() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The wait before restart {@code attempt} (1 for the first): the backoff, doubled for each attempt after it. */
    public long backoffBefore(int attempt) {
        return backoffNanos << Math.min(20, Math.max(0, attempt - 1));
    }
}
