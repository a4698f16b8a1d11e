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
     * Measured with {@code xk calibrate} on this project's 2-vCPU VM (2026-12-05): one spin with its empty poll about
     * 20 ns, one yield about 0.4 µs with the other vCPU idle, a park's overshoot p50 70 µs (timer slack 50 µs plus the
     * wake-up), p99 88 µs.
     */
    public static final IdleCosts DEFAULTS = new IdleCosts(20, 400, new Distribution(
            new double[] {0, 1, 50, 90, 99, 100}, new long[] {8_000, 25_000, 70_000, 73_000, 88_000, 360_000}));

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
