package io.crosskernel.hypervisor.sim;

import java.util.Objects;

/**
 * How to simulate a run: the seed of every draw the simulation makes (hop latencies, hiccups), the calibration, the
 * optional noise model, the scenario's faults and what the ingress workloads receive in place of their sockets.
 *
 * @param noise   null for quiet cores
 * @param ingress the arrivals of {@code ingress:} workloads, recorded by a real run, or {@link IngressArrivals#NONE}
 */
public record SimulationSettings(long seed, Calibration calibration, NoiseModel noise, SimFaults faults,
        IngressArrivals ingress) {
    /** Virtual time at which a simulated run's clock starts; any value would do, a round one reads well in journals. */
    public static final long CLOCK_START_NANOS = 1_000_000_000L;

    public SimulationSettings {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(ingress, "ingress");
    }

    /** No ingress journal: ingress workloads receive nothing. */
    public SimulationSettings(long seed, Calibration calibration, NoiseModel noise, SimFaults faults) {
        this(seed, calibration, noise, faults, IngressArrivals.NONE);
    }
}
