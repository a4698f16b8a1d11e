package io.crosskernel.hypervisor.sim;

/**
 * What the simulation charges for the runtime's own work, in virtual time (docs/SIMULATION.md, "Calibration").
 *
 * @param hop        one channel hop: from an offer to the moment the message can be drained
 * @param dutyCycleNanos virtual time a duty cycle that did work costs on top of the stage costs it spent (polling,
 *                   draining, forwarding); at least 1 ns, which also guarantees virtual time moves while kernels
 *                   work
 * @param source     where these figures come from: a file's path, or a sentence about the defaults
 */
public record Calibration(Distribution hop, long dutyCycleNanos, String source) {
    /**
     * One hop is half of crosskernel's channel round trip in the JMH run of docs/BENCHMARKS.md (2026-12-01: p50 151 ns,
     * p99 281 ns, p99.9 2 644 ns per round trip); the floor is the volatile ping-pong's half (p50 70 ns).
     */
    public static final Distribution DEFAULT_HOP = new Distribution(new double[] {0, 50, 99, 99.9, 100},
            new long[] {70, 76, 141, 1_322, 1_322});
    /** A duty cycle's own cost: a drain, a poll and a forward of one message, about two hops' work on one core. */
    public static final long DEFAULT_DUTY_CYCLE_NANOS = 50;

    public Calibration {
        if (dutyCycleNanos < 1) {
            throw new IllegalArgumentException("a duty cycle costs at least 1ns");
        }
    }

    /** The documented defaults. */
    public static Calibration defaults() {
        return new Calibration(DEFAULT_HOP, DEFAULT_DUTY_CYCLE_NANOS,
                "defaults (half the channel round trip of docs/BENCHMARKS.md)");
    }
}
