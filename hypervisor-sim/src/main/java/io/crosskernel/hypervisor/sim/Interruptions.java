package io.crosskernel.hypervisor.sim;

import java.util.SplittableRandom;

/**
 * The times one virtual core is taken away from its kernels: injected stalls ({@link SimFault.Stall}) merged with the
 * hiccups of a {@link NoiseModel}, generated lazily in time order from the core's own seeded generator.
 *
 * <p>Threading: the engine's thread only. Allocates nothing after construction.
 */
final class Interruptions {
    private final long[] stallStarts;
    private final long[] stallEnds;
    private int nextStall;
    private final NoiseModel noise;
    private final SplittableRandom random;
    private final double meanGapNanos;
    private long noiseStart = Long.MAX_VALUE;
    private long noiseEnd;
    /** The earliest interruption not yet passed: start and end. */
    private long headStart = Long.MAX_VALUE;
    private long headEnd;
    private boolean headIsNoise;
    private long hiccups;
    private long lostNanos;

    /**
     * @param stallStarts the stall faults of this core: starts as offsets from the run's start, sorted
     * @param stallEnds   their ends, offsets likewise
     * @param noise  null for a quiet core
     */
    Interruptions(long[] stallStarts, long[] stallEnds, NoiseModel noise, SplittableRandom random) {
        this.stallStarts = stallStarts;
        this.stallEnds = stallEnds;
        this.noise = noise;
        this.random = random;
        this.meanGapNanos = noise == null ? 0 : 1e9 / noise.ratePerSecond();
    }

    /** Starts the noise at the run's start; before that the core is quiet. */
    void start(long runStartNanos) {
        for (int i = 0; i < stallStarts.length; i++) {
            stallStarts[i] += runStartNanos;
            stallEnds[i] += runStartNanos;
        }
        if (noise != null) {
            noiseStart = runStartNanos;
            drawNoise();
        }
        pickHead();
    }

    /** The first instant at or after {@code t} at which the core is not interrupted. */
    long available(long t) {
        while (headStart <= t) {
            if (headEnd > t) {
                account(headStart, headEnd, t);
                t = headEnd;
            }
            advance();
        }
        return t;
    }

    /**
     * When work of {@code to - from} nanoseconds, started at {@code from} (an available instant), ends: later than
     * {@code to} by every interruption that begins before it ends.
     */
    long spend(long from, long to) {
        long t = from;
        long remaining = to - from;
        while (headStart < t + remaining) {
            if (headStart > t) {
                remaining -= headStart - t;
                t = headStart;
            }
            if (headEnd > t) {
                account(headStart, headEnd, t);
                t = headEnd;
            }
            advance();
        }
        return t + remaining;
    }

    long hiccups() {
        return hiccups;
    }

    long lostNanos() {
        return lostNanos;
    }

    private void account(long start, long end, long t) {
        if (headIsNoise) {
            hiccups++;
        }
        lostNanos += end - Math.max(start, t);
    }

    private void advance() {
        if (headIsNoise) {
            drawNoise();
        } else {
            nextStall++;
        }
        pickHead();
    }

    private void drawNoise() {
        // Exponential gaps: a Poisson process of hiccups, measured from the end of the last one.
        long gap = (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
        noiseStart = (noiseStart == Long.MAX_VALUE ? 0 : Math.max(noiseStart, noiseEnd)) + gap;
        noiseEnd = noiseStart + noise.duration().sample(random);
    }

    private void pickHead() {
        long stall = nextStall < stallStarts.length ? stallStarts[nextStall] : Long.MAX_VALUE;
        if (noise != null && noiseStart < stall) {
            headStart = noiseStart;
            headEnd = noiseEnd;
            headIsNoise = true;
        } else {
            headStart = stall;
            headEnd = stall == Long.MAX_VALUE ? 0 : stallEnds[nextStall];
            headIsNoise = false;
        }
    }
}
