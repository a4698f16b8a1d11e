package io.crosskernel.api;

import io.crosskernel.api.hiccup.HiccupMeter;

/**
 * The only source of time a kernel may use.
 *
 * <p>Kernel code never calls {@link System#nanoTime()} directly: the host injects a clock so the same kernel can run
 * against wall time ({@link SystemNanoClock}) or a clock a test advances by hand ({@link ManualClock}).
 *
 * <p>Spending time: a kernel that must let time pass on its core (a synthetic task's cost, a spin to a release)
 * calls {@link #spinUntil(long)}, never a loop of its own on {@link #nanoTime()}. Against wall time that is the busy
 * spin; the simulation's clock (docs/SIMULATION.md) jumps instead, so the same kernel code consumes virtual time.
 *
 * <p>Threading: implementations must be safe to call from any thread and must not allocate.
 */
@FunctionalInterface
public interface Clock {
    /**
     * @return a monotonic time in nanoseconds; only differences between two readings of the same clock are meaningful.
     */
    long nanoTime();

    /**
     * Spends the calling thread's time until this clock reads at least {@code deadlineNanos}: returns at once when
     * that time has already come. The default busy-spins on {@link #nanoTime()} (a sleep would hand the core to the
     * OS); a virtual clock moves its time to the deadline instead. Allocation-free; as cheap as the loop it replaces.
     *
     * @param deadlineNanos a reading of this clock (compared by difference, so wrap-around is harmless)
     */
    default void spinUntil(long deadlineNanos) {
        while (nanoTime() - deadlineNanos < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Real work the calling thread has just done (a compress, a log append) that a model of time says costs
     * {@code nanos} ({@link KernelContext#workCost(String)}). Against wall time there is nothing to do: the work
     * took its own time, so the default does nothing. A virtual clock, where real work takes no time, moves forward by
     * {@code nanos}. Allocation-free.
     */
    default void spendModelled(long nanos) {
    }

    /**
     * As {@link #spinUntil(long)}, handing every reading of the spin to the calling worker's hiccup meter, so that a
     * pause of the thread in the middle of the spin is seen as a hiccup, not as the spin's own work. A virtual clock
     * has no pauses to meter (its noise model stalls cores instead) and moves its time as {@link #spinUntil(long)}.
     *
     * @param hiccups the calling worker's meter (single writer: this thread)
     */
    default void spinUntil(long deadlineNanos, HiccupMeter hiccups) {
        long now;
        while ((now = nanoTime()) - deadlineNanos < 0) {
            hiccups.sample(now);
            Thread.onSpinWait();
        }
        hiccups.sample(now);
    }
}
