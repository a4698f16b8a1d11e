package io.crosskernel.hypervisor.host;

import io.crosskernel.api.metrics.WorkerMetrics;

/**
 * Notices a worker whose duty cycle stopped turning (a task running far too long, a kernel blocked): the Seastar
 * reactor-stall detector's role.
 *
 * <p>Threading: host thread only. It reads each worker's heartbeat ({@link WorkerMetrics#dutyCycles}) and counts one
 * stall each time a heartbeat stays still for longer than the threshold; the stall ends when the heartbeat moves.
 */
final class StallWatchdog {
    private final WorkerMetrics[] workers;
    private final String[] names;
    private final long thresholdNanos;
    private final long[] lastBeat;
    private final long[] lastMoveNanos;
    private final boolean[] stalled;
    private final long[] stallsPerWorker;
    private long stalls;

    StallWatchdog(WorkerMetrics[] workers, String[] names, long thresholdNanos, long nowNanos) {
        this.workers = workers.clone();
        this.names = names.clone();
        this.thresholdNanos = thresholdNanos;
        this.lastBeat = new long[workers.length];
        this.lastMoveNanos = new long[workers.length];
        this.stalled = new boolean[workers.length];
        this.stallsPerWorker = new long[workers.length];
        for (int i = 0; i < workers.length; i++) {
            lastBeat[i] = workers[i].dutyCycles.get();
            lastMoveNanos[i] = nowNanos;
        }
    }

    /**
     * Checks every worker once.
     *
     * @return the name of a worker that has just started stalling, or null
     */
    String check(long nowNanos) {
        String newlyStalled = null;
        for (int i = 0; i < workers.length; i++) {
            long beat = workers[i].dutyCycles.get();
            if (beat != lastBeat[i]) {
                lastBeat[i] = beat;
                lastMoveNanos[i] = nowNanos;
                stalled[i] = false;
            } else if (!stalled[i] && nowNanos - lastMoveNanos[i] > thresholdNanos) {
                stalled[i] = true;
                stalls++;
                stallsPerWorker[i]++;
                newlyStalled = names[i];
            }
        }
        return newlyStalled;
    }

    long stalls() {
        return stalls;
    }

    long stallsOf(int index) {
        return stallsPerWorker[index];
    }
}
