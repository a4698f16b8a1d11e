package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.WorkCost;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the simulation charges for the runtime's own work, in virtual time (docs/SIMULATION.md, "Calibration").
 *
 * @param hop        one channel hop: from an offer to the moment the message can be drained
 * @param dutyCycleNanos virtual time a duty cycle that did work costs on top of the stage costs it spent (polling,
 *                   draining, forwarding); at least 1 ns, which also guarantees virtual time moves while kernels
 *                   work
 * @param perWorkNanos virtual time each unit of work a duty cycle reports costs on top of that (a request released,
 *                   drained, run or forwarded: the kernels' own code per message); zero or more
 * @param idle       how long an idle worker takes to notice an event, by idle strategy (spins, yields, parks)
 * @param work       the cost of kernels' real work by {@code TYPE.NAME} (e.g. {@code storage.compress}), where the
 *                   file overrides the kernel type's own default ({@code KernelFactory.modelledWork()})
 * @param source     where these figures come from: a file's path, or a sentence about the defaults
 */
public record Calibration(Distribution hop, long dutyCycleNanos, long perWorkNanos, IdleCosts idle, Map<String, WorkCost> work,
        String source) {
    /**
     * One hop is half of crosskernel's channel round trip in the JMH run of docs/BENCHMARKS.md (2026-12-01: p50 151 ns,
     * p99 281 ns, p99.9 2 644 ns per round trip); the floor is the volatile ping-pong's half (p50 70 ns).
     */
    public static final Distribution DEFAULT_HOP = new Distribution(new double[] {0, 50, 99, 99.9, 100},
            new long[] {70, 76, 141, 1_322, 1_322});
    /** A duty cycle's own cost: a drain, a poll and a forward of one message, about two hops' work on one core. */
    public static final long DEFAULT_DUTY_CYCLE_NANOS = 50;
    /**
     * A unit of work's own cost: {@code xk calibrate}'s burst through a general kernel with free stages on this
     * project's 2-vCPU VM (2026-12-05).
     */
    public static final long DEFAULT_PER_WORK_NANOS = 100;

    public Calibration {
        if (dutyCycleNanos < 1) {
            throw new IllegalArgumentException("a duty cycle costs at least 1ns");
        }
        if (perWorkNanos < 0) {
            throw new IllegalArgumentException("a unit of work costs zero or more");
        }
        Objects.requireNonNull(idle, "idle");
        work = Collections.unmodifiableSortedMap(new TreeMap<>(work));
    }

    /** The cost of {@code work} of kernel type {@code type}: this calibration's, else the type's own default. */
    public WorkCost workCost(String type, String work, WorkCost typeDefault) {
        return this.work.getOrDefault(type + "." + work, typeDefault);
    }

    /** The documented defaults. */
    public static Calibration defaults() {
        return new Calibration(DEFAULT_HOP, DEFAULT_DUTY_CYCLE_NANOS, DEFAULT_PER_WORK_NANOS, IdleCosts.DEFAULTS, Map.of(),
                "defaults (half the channel round trip of docs/BENCHMARKS.md)");
    }
}
