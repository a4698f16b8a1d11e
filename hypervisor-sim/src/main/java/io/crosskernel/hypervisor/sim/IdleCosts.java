package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.Units;
import java.util.Objects;

/**
 * What a worker's idle strategy costs in wake-up latency on the machine a simulation models (docs/SIMULATION.md,
 * "Idle strategies"): the time of one spin and of one yield, and how much longer than asked a park lasts.
 *
 * @param spinNanos          one {@code Thread.onSpinWait()} idle call with the empty duty cycle before it
 * @param yieldNanos         one {@code Thread.yield()} idle call with the empty duty cycle before it
 * @param parkOvershoot      a {@code LockSupport.parkNanos(n)} lasts {@code n} plus a draw from this: the operating
 *                           system's timer slack (50 µs by default on Linux) and the wake-up
 */
public record IdleCosts(long spinNanos, long yieldNanos, Distribution parkOvershoot) {
    /**
     * Measured with {@code xk calibrate} on this project's 2-vCPU VM, load average about 0 (2026-12-05): one spin with
     * its empty poll 102 ns, one yield 1.9 µs, a park's overshoot p50 77 µs (timer slack 50 µs plus the wake-up),
     * p99 100 µs.
     */
    public static final IdleCosts DEFAULTS = new IdleCosts(100, 1_900, new Distribution(
            new double[] {0, 1, 50, 90, 99, 100}, new long[] {31_000, 47_000, 77_000, 80_000, 100_000, 229_000}));

    public IdleCosts {
        if (spinNanos < 1 || yieldNanos < 1) {
            throw new IllegalArgumentException("a spin and a yield cost at least 1ns");
        }
        Objects.requireNonNull(parkOvershoot, "parkOvershoot");
    }

    /** For reports: {@code spin 20ns, yield 400ns, park +(p0 8us, ...)}. */
    public String describe() {
        return "spin " + Units.formatNanos(spinNanos) + ", yield " + Units.formatNanos(yieldNanos)
                + ", park overshoot " + parkOvershoot.describe();
    }
}
