package io.crosskernel.bench;

import io.crosskernel.bench.plain.PlainRoundTrip;
import java.util.Locale;

/**
 * How long {@link Bench} measures. Immutable.
 *
 * @param name                   {@code smoke}, {@code quick} or {@code full}
 * @param rounds                 JMH rounds: every transport (and burst size) once per round between two runs of its
 *                               baseline, see {@link JmhRounds}
 * @param jmhForks               JMH forks per run; 0 runs in the calling JVM (smoke only: fast, less clean)
 * @param jmhWarmups             JMH warm-up iterations
 * @param jmhIterations          JMH measurement iterations
 * @param jmhIterationMillis     length of each JMH iteration
 * @param hdrSecondsPerTransport paced round trip: measured seconds per transport
 * @param backToBackSecondsPerTransport back-to-back round trip: measured seconds per transport
 * @param hdrRounds              paced and back-to-back round trip: round-robin segments
 * @param isolationSeconds       isolation: measured seconds per set-up
 * @param isolationWarmup        isolation: discarded seconds per set-up
 * @param settledWithin          how far apart (relative) the two baseline runs around a candidate may be for its
 *                               ratio to count, see {@link JmhRounds.Bracket#settled}
 * @param plain                  the plain two-thread round trip: rounds, round trips and warm-up
 */
public record Profile(String name, int rounds, int jmhForks, int jmhWarmups, int jmhIterations,
        long jmhIterationMillis, double hdrSecondsPerTransport, double backToBackSecondsPerTransport, int hdrRounds, double isolationSeconds,
        double isolationWarmup, double settledWithin, PlainRoundTrip.Settings plain) {
    /**
     * Seconds in total; for the CI job and the unit test. Every bracket counts: runs this short cannot tell noise
     * from a machine that changed, and the smoke profile only shows that every part runs.
     */
    public static final Profile SMOKE = new Profile("smoke", 1, 0, 1, 1, 100, 0.05, 0.05, 1, 0.3, 0.1,
            Double.POSITIVE_INFINITY, new PlainRoundTrip.Settings(1, 20_000, 5_000));
    /** Under five minutes on two cores (4.7 measured with 5 s isolation set-ups; now 4 s). */
    public static final Profile QUICK = new Profile("quick", 2, 1, 2, 2, 500, 3, 2, 15, 4, 1, 0.25,
            PlainRoundTrip.Settings.DEFAULT);
    /** About 40 minutes: five rounds of longer runs, long paced runs, 30 s isolation set-ups. */
    public static final Profile FULL = new Profile("full", 5, 1, 3, 5, 1000, 30, 10, 60, 30, 2, 0.25,
            PlainRoundTrip.Settings.DEFAULT);

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
