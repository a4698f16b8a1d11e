package io.crosskernel.api.trace;

/**
 * The sampling decision for cross-kernel traces: a pure function of a request's trace id and the sample rate.
 *
 * <p>Every kernel computes the same decision for the same request, so no flag needs to travel in the envelope and a
 * sampled request is traced on every hop or on none. The trace id is mixed first (ids are often sequential, and a
 * plain modulo would sample a regular stripe of them), then its top 53 bits are compared with a threshold derived
 * from the rate: a request is sampled when {@code mix(traceId) >>> 11 < threshold}.
 *
 * <p>Stateless; any thread; allocation-free.
 */
public final class TraceSampling {
    /** Threshold that samples nothing. */
    public static final long NEVER = 0;
    /** Threshold that samples every request. */
    public static final long ALWAYS = 1L << 53;

    private TraceSampling() {
    }

    /**
     * @param rate fraction of requests to sample, in {@code [0, 1]}
     * @return the threshold to pass to {@link #isSampled(long, long)}
     * @throws IllegalArgumentException when {@code rate} is outside {@code [0, 1]} or not a number
     */
    public static long thresholdFor(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("sample rate must be between 0 and 1, got " + rate);
        }
        return rate == 1 ? ALWAYS : (long) Math.ceil(rate * ALWAYS);
    }

    /** @return true when the request with {@code traceId} is traced under {@code threshold} */
    public static boolean isSampled(long traceId, long threshold) {
        return (mix(traceId) >>> 11) < threshold;
    }

    /** A bijective 64-bit mix (the finaliser of SplitMix64): nearby ids land far apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
