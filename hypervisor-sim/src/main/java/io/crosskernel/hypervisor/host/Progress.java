package io.crosskernel.hypervisor.host;

/**
 * A snapshot of a running run.
 *
 * @param elapsedNanos since the workload started
 * @param totalNanos   warm-up plus duration
 * @param generated    requests released so far
 * @param finished     requests completed, failed or dropped so far
 * @param channelDepth messages waiting in channels now
 * @param draining     sources are closed and the host waits for in-flight work
 */
public record Progress(long elapsedNanos, long totalNanos, long generated, long finished, long channelDepth,
        boolean draining) {
}
