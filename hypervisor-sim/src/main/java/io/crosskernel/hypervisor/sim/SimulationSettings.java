package io.crosskernel.hypervisor.sim;

import java.util.Objects;

/**
 * How to simulate a run: the seed of every draw the simulation makes (hop latencies, hiccups), the calibration, the
 * optional noise model and the scenario's faults.
 *
 * @param noise null for quiet cores
 */
public record SimulationSettings(long seed, Calibration calibration, NoiseModel noise, SimFaults faults) {
    /** Virtual time at which a simulated run's clock starts; any value would do, a round one reads well in journals. */
    public static final long CLOCK_START_NANOS = 1_000_000_000L;

    public SimulationSettings {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(faults, "faults");
    }
}
