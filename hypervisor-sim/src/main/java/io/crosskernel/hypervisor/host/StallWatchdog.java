package io.crosskernel.hypervisor.host;

import io.crosskernel.api.jfr.StallEvent;
import io.crosskernel.api.metrics.WorkerMetrics;

/**
 * Notices a worker whose duty cycle stopped turning (a task running far too long, a kernel blocked): the Seastar
 * reactor-stall detector's role.
 *
 * <p>Threading: host thread only. It reads each worker's heartbeat ({@link WorkerMetrics#dutyCycles}) and counts one
 * stall each time a heartbeat stays still for longer than the threshold; the stall ends when the heartbeat moves.
 * While a JFR recording takes {@link StallEvent}, each stall is recorded as one event spanning detection to its end.
 */
final class StallWatchdog {
    private final WorkerMetrics[] workers;
    private final String[] names;
    private final long thresholdNanos;
    private final long[] lastBeat;
    private final long[] lastMoveNanos;
    private final boolean[] stalled;
    private final long[] stallsPerWorker;
    /** The JFR event of each worker's current stall, or null (no stall, or no recording takes the event). */
    private final StallEvent[] open;
    private long stalls;

    StallWatchdog(WorkerMetrics[] workers, String[] names, long thresholdNanos, long nowNanos) {
        this.workers = workers.clone();
        this.names = names.clone();
        this.thresholdNanos = thresholdNanos;
        this.lastBeat = new long[workers.length];
        this.lastMoveNanos = new long[workers.length];
        this.stalled = new boolean[workers.length];
        this.stallsPerWorker = new long[workers.length];
        this.open = new StallEvent[workers.length];
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
                closeStallEvent(i, nowNanos, true);
                lastBeat[i] = beat;
                lastMoveNanos[i] = nowNanos;
                stalled[i] = false;
            } else if (!stalled[i] && nowNanos - lastMoveNanos[i] > thresholdNanos) {
                stalled[i] = true;
                stalls++;
                stallsPerWorker[i]++;
                newlyStalled = names[i];
                open[i] = StallEvent.openIfEnabled(names[i], thresholdNanos);
            }
        }
        return newlyStalled;
    }

    /** Ends the JFR events of stalls still going on when the run ends. */
    void closeOpenStalls(long nowNanos) {
        for (int i = 0; i < open.length; i++) {
            closeStallEvent(i, nowNanos, false);
        }
    }

    private void closeStallEvent(int i, long nowNanos, boolean recovered) {
        if (open[i] != null) {
            open[i].close(nowNanos - lastMoveNanos[i], recovered);
            open[i] = null;
        }
    }

    long stalls() {
        return stalls;
    }

    long stallsOf(int index) {
        return stallsPerWorker[index];
    }
}
