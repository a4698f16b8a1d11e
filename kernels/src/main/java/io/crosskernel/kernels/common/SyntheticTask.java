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
     * Spends {@code costNanos} from {@code startNanos} on the kernel's clock ({@link Clock#spinUntil}): a busy spin
     * against wall time (a sleep would not be CPU work and would hand the core to the OS), virtual time in simulation.
     *
     * @param fail when true the task throws {@link InjectedFault#INSTANCE} after doing its work
     */
    public static void run(Clock clock, long startNanos, long costNanos, boolean fail) {
        if (costNanos > 0) {
            clock.spinUntil(startNanos + costNanos);
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
            clock.spinUntil(startNanos + costNanos, hiccups);
        }
        if (fail) {
            throw InjectedFault.INSTANCE;
        }
    }
}
