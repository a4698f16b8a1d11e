package io.crosskernel.kernels.common;

import io.crosskernel.api.Clock;
import io.crosskernel.api.hiccup.HiccupMeter;

/**
 * A synthetic task: real CPU work for a given time, measured on the kernel's clock, optionally ending in an injected
 * fault.
 *
 * <p>Threading: stateless; any worker may call it. Allocates nothing.
 */
public final class SyntheticTask {
    private SyntheticTask() {
    }

    /**
     * Busy-spins until {@code costNanos} have elapsed since {@code startNanos} (a sleep would not be CPU work and
     * would hand the core to the OS).
     *
     * @param fail when true the task throws {@link InjectedFault#INSTANCE} after doing its work
     */
    public static void run(Clock clock, long startNanos, long costNanos, boolean fail) {
        if (costNanos > 0) {
            while (clock.nanoTime() - startNanos < costNanos) {
                Thread.onSpinWait();
            }
        }
        if (fail) {
            throw InjectedFault.INSTANCE;
        }
    }

    /**
     * As {@link #run(Clock, long, long, boolean)}, handing every clock reading of the spin to the worker's hiccup
     * meter: a pause of the thread in the middle of the job is then seen as a hiccup, not as the job's own cost.
     */
    public static void run(Clock clock, HiccupMeter hiccups, long startNanos, long costNanos, boolean fail) {
        if (costNanos > 0) {
            long now;
            while ((now = clock.nanoTime()) - startNanos < costNanos) {
                hiccups.sample(now);
                Thread.onSpinWait();
            }
            hiccups.sample(now);
        }
        if (fail) {
            throw InjectedFault.INSTANCE;
        }
    }
}
