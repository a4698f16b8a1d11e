package io.crosskernel.hypervisor.sim;

/**
 * The platform's hiccups replayed on every virtual core: moments the core is taken away from its kernel (another
 * process, the hypervisor, an interrupt), arriving as a Poisson process of {@code ratePerSecond} per core, each lasting
 * a draw from {@code duration}. Seeded from the run's seed, so a noisy simulated run is still reproducible.
 *
 * @param source the noise file's path, for the report
 */
public record NoiseModel(double ratePerSecond, Distribution duration, String source) {
    public NoiseModel {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("a hiccup rate must be above zero");
        }
    }
}
