package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.Clock;
import io.crosskernel.api.hiccup.HiccupMeter;

/**
 * The virtual clock of a simulated run. While the engine runs a worker's duty cycle it reads that worker's virtual
 * core's local time, and {@link #spinUntil} moves that time to the deadline (plus whatever the core's interruptions
 * take) instead of spinning; between duty cycles it reads the host's time, up to which every core has run.
 *
 * <p>One object serves every virtual core, because the engine runs one duty cycle at a time on one thread: it is
 * "the clock of the core that is running". Threading: the engine's thread only (plain fields); kernels in a simulated
 * run never start threads of their own (docs/SIMULATION.md).
 */
public final class SimClock implements Clock {
    private long now;
    /** The running core's interruptions while a duty cycle runs; null between duty cycles. */
    private Interruptions running;

    public SimClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Jumps to the deadline: the cost is virtual time on the running core (stretched by its interruptions). */
    @Override
    public void spinUntil(long deadlineNanos) {
        if (deadlineNanos - now > 0) {
            now = running == null ? deadlineNanos : running.spend(now, deadlineNanos);
        }
    }

    /** As {@link #spinUntil(long)}: virtual time has no pauses for the meter to see. */
    @Override
    public void spinUntil(long deadlineNanos, HiccupMeter hiccups) {
        spinUntil(deadlineNanos);
    }

    /** Real work that takes no virtual time by itself: charged as its modelled cost, like a spin. */
    @Override
    public void spendModelled(long nanos) {
        if (nanos > 0) {
            spinUntil(now + nanos);
        }
    }

    /** Engine: a duty cycle of a core with these interruptions starts at {@code t}. */
    void enter(long t, Interruptions interruptions) {
        now = t;
        running = interruptions;
    }

    /** Engine: the duty cycle returned; @return the core's time then. */
    long leave() {
        running = null;
        return now;
    }

    /** Engine: the host's time (every core has run up to it). */
    void setHostTime(long t) {
        now = t;
    }
}
