package io.crosskernel.api.workload;

/**
 * The keys of a keyed workload ({@code kv:} in a scenario) and its mix of puts, gets and deletes.
 *
 * <p>A request's key is a pure function of the workload and the request's per-route sequence number
 * ({@link #key(long)}), and its op, for a {@code mix} stage, a pure function of its request id ({@link #op(long)}):
 * no state, no random generator to share, so the same file and seed give the same keys and ops on every run and
 * every JVM, and any kernel may compute them. Every floating-point step uses {@link StrictMath}.
 *
 * <p>Zipfian keys use the method of Gray et al., "Quickly generating billion-record synthetic databases" (SIGMOD
 * 1994), as YCSB does: the normalising constant zeta(n, skew) is computed once here (exactly up to 2^20 keys, beyond
 * that by the Euler-Maclaurin formula), and so is Gray's map from a uniform draw to a key, at {@link #ZIPF_TABLE} + 1
 * points with {@code StrictMath}; a draw interpolates linearly between two of them. So a draw uses only +, -, *, /
 * (the same on every JVM, unlike {@code Math.pow}, whose intrinsic and interpreted forms may differ in the last bit)
 * and allocates nothing (JDK 17's {@code StrictMath.pow} allocates about 96 bytes a call). Keys 0 and 1 are exact; a
 * key above them is Gray's up to the interpolation, within a factor of about exp(ln(keys) / 16384) of it.
 *
 * <p>Immutable and thread-safe: built on the host thread when the scenario is read, its fields final.
 * Constructor arguments: the key count (keys {@code 0 .. keyCount - 1}), the distribution, the Zipf exponent
 * (0 &lt; skew &lt; 1, zipfian only), the workload's seed (the scenario's seed mixed with the route id), and the shares
 * of puts, gets and deletes of a {@code mix} stage in parts per million, adding up to 1 000 000.
 */
public final class KeyWorkload {
    /** One million: the shares of the op mix are in parts per million. */
    public static final int MILLION = 1_000_000;
    /** The most keys a workload may name: the storage kernel's key space bound. */
    public static final long MAX_KEYS = 1L << 40;
    /** Zeta is summed term by term up to here, and by the Euler-Maclaurin formula beyond. */
    static final long EXACT_ZETA_TERMS = 1L << 20;
    /** Intervals of the precomputed map from a uniform draw to a Zipfian key (zipfian only: 128 KiB). */
    static final int ZIPF_TABLE = 1 << 14;

    private final long keyCount;
    private final KeyDistribution distribution;
    private final double skew;
    private final long seed;
    private final int putPpm;
    private final int getPpm;
    private final int deletePpm;
    // Gray et al.'s constants (zipfian only), computed once here.
    private final double zetaN;
    private final double eta;
    private final double alpha;
    private final double twoThreshold;
    /** Gray's key for the draws {@code i / ZIPF_TABLE}, i = 0..ZIPF_TABLE (zipfian only, else null). */
    private final double[] zipfKeys;

    public KeyWorkload(long keyCount, KeyDistribution distribution, double skew, long seed, int putPpm, int getPpm,
            int deletePpm) {
        if (keyCount < 1 || keyCount > MAX_KEYS) {
            throw new IllegalArgumentException("keys must be 1.." + MAX_KEYS + ", got " + keyCount);
        }
        if (distribution == null) {
            throw new IllegalArgumentException("distribution is missing: use one of " + KeyDistribution.LABELS);
        }
        if (distribution == KeyDistribution.ZIPFIAN && !(skew > 0 && skew < 1)) {
            throw new IllegalArgumentException("a zipfian skew must be above 0 and below 1, got " + skew);
        }
        if (putPpm < 0 || getPpm < 0 || deletePpm < 0 || putPpm + getPpm + deletePpm != MILLION) {
            throw new IllegalArgumentException("put, get and delete shares must be >= 0 and add up to 100%, got "
                    + putPpm + ", " + getPpm + " and " + deletePpm + " parts per million");
        }
        this.keyCount = keyCount;
        this.distribution = distribution;
        this.skew = skew;
        this.seed = seed;
        this.putPpm = putPpm;
        this.getPpm = getPpm;
        this.deletePpm = deletePpm;
        if (distribution == KeyDistribution.ZIPFIAN) {
            double zeta2 = 1 + StrictMath.pow(0.5, skew);
            this.zetaN = zeta(keyCount, skew);
            this.alpha = 1 / (1 - skew);
            this.eta = keyCount <= 2 ? 0 : (1 - StrictMath.pow(2.0 / keyCount, 1 - skew)) / (1 - zeta2 / zetaN);
            this.twoThreshold = zeta2;
            this.zipfKeys = new double[ZIPF_TABLE + 1];
            for (int i = 0; i <= ZIPF_TABLE; i++) {
                double u = i / (double) ZIPF_TABLE;
                zipfKeys[i] = keyCount * StrictMath.pow(eta * u - eta + 1, alpha);
            }
        } else {
            this.zipfKeys = null;
            this.zetaN = 0;
            this.eta = 0;
            this.alpha = 0;
            this.twoThreshold = 0;
        }
    }

    /** Keys are drawn from {@code 0 .. keyCount() - 1}. */
    public long keyCount() {
        return keyCount;
    }

    public KeyDistribution distribution() {
        return distribution;
    }

    /** The Zipf exponent (zipfian only). */
    public double skew() {
        return skew;
    }

    public long seed() {
        return seed;
    }

    public int putPpm() {
        return putPpm;
    }

    public int getPpm() {
        return getPpm;
    }

    public int deletePpm() {
        return deletePpm;
    }

    /**
     * zeta(n, theta) = sum over i = 1..n of i^-theta: exactly up to {@link #EXACT_ZETA_TERMS}, then the integral
     * and the first Euler-Maclaurin corrections for the rest (relative error far below 1e-9 there).
     */
    static double zeta(long n, double theta) {
        long exact = Math.min(n, EXACT_ZETA_TERMS);
        double sum = 0;
        for (long i = exact; i >= 1; i--) { // smallest terms first: less rounding
            sum += 1 / StrictMath.pow(i, theta);
        }
        if (n > exact) {
            double a = exact;
            double b = n;
            double integral = (StrictMath.pow(b, 1 - theta) - StrictMath.pow(a, 1 - theta)) / (1 - theta);
            double fa = StrictMath.pow(a, -theta);
            double fb = StrictMath.pow(b, -theta);
            double dfa = -theta * StrictMath.pow(a, -theta - 1);
            double dfb = -theta * StrictMath.pow(b, -theta - 1);
            // sum over i = a+1..b of f(i) = integral + (f(b) - f(a)) / 2 + (f'(b) - f'(a)) / 12 - ...
            sum += integral + (fb - fa) / 2 + (dfb - dfa) / 12;
        }
        return sum;
    }

    /**
     * The key of the workload's request number {@code sequence} (0, 1, 2, ... per route), in
     * {@code 0 .. keyCount - 1}. Allocates nothing once the workload's constants exist.
     */
    public long key(long sequence) {
        switch (distribution) {
            case SEQUENTIAL:
                return Long.remainderUnsigned(sequence, keyCount);
            case UNIFORM:
                return Long.remainderUnsigned(mix(seed ^ (sequence * 0x9E3779B97F4A7C15L)), keyCount);
            default: {
                double u = (mix(seed ^ (sequence * 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
                double uz = u * zetaN;
                if (uz < 1) {
                    return 0;
                }
                if (uz < twoThreshold || keyCount <= 2) {
                    return Math.min(1, keyCount - 1);
                }
                double x = u * ZIPF_TABLE; // below ZIPF_TABLE: u < 1
                int i = (int) x;
                long k = (long) (zipfKeys[i] + (x - i) * (zipfKeys[i + 1] - zipfKeys[i]));
                return Math.min(Math.max(k, 0), keyCount - 1);
            }
        }
    }

    /** The op a {@code mix} stage runs for request {@code requestId}: put, get or delete by the shares. */
    public StageOp op(long requestId) {
        long r = Long.remainderUnsigned(mix(~seed ^ (requestId * 0xBF58476D1CE4E5B9L)), MILLION);
        if (r < putPpm) {
            return StageOp.PUT;
        }
        return r < (long) putPpm + getPpm ? StageOp.GET : StageOp.DELETE;
    }

    /** SplitMix64's finaliser (Stafford's variant 13): a bijection of 64-bit values that mixes every bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "KeyWorkload{keys=" + keyCount + ", " + distribution + (distribution == KeyDistribution.ZIPFIAN
                ? " skew " + skew : "") + ", put/get/delete ppm " + putPpm + "/" + getPpm + "/" + deletePpm + "}";
    }
}
