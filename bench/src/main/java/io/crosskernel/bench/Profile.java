package io.crosskernel.bench;

import java.util.Locale;

/**
 * How long {@link Bench} measures. Immutable.
 *
 * @param name                 {@code smoke}, {@code quick} or {@code full}
 * @param jmhForks             JMH forks per benchmark; 0 runs in the calling JVM (smoke only: fast, less clean)
 * @param jmhWarmups           JMH warm-up iterations
 * @param jmhIterations        JMH measurement iterations
 * @param jmhIterationMillis   length of each JMH iteration
 * @param hdrSecondsPerTransport paced round trip: measured seconds per transport
 * @param hdrRounds            paced round trip: round-robin segments
 * @param isolationSeconds     isolation: measured seconds per set-up
 * @param isolationWarmup      isolation: discarded seconds per set-up
 */
public record Profile(String name, int jmhForks, int jmhWarmups, int jmhIterations, long jmhIterationMillis,
        double hdrSecondsPerTransport, int hdrRounds, double isolationSeconds, double isolationWarmup) {
    /** Seconds in total; for the CI job and the unit test (under 30 s). */
    public static final Profile SMOKE = new Profile("smoke", 0, 1, 1, 100, 0.05, 1, 0.3, 0.1);
    /** Under five minutes on two cores. */
    public static final Profile QUICK = new Profile("quick", 1, 2, 3, 1000, 3, 3, 5, 1);
    /** Tens of minutes: three forks, long paced runs. */
    public static final Profile FULL = new Profile("full", 3, 5, 10, 1000, 30, 10, 30, 2);

    /** @throws IllegalArgumentException for an unknown name */
    public static Profile named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke":
                return SMOKE;
            case "quick":
                return QUICK;
            case "full":
                return FULL;
            default:
                throw new IllegalArgumentException("unknown profile '" + name + "' (smoke, quick or full)");
        }
    }
}
