package io.crosskernel.kernels.common.data;

/**
 * Fills buffers with deterministic, text-like bytes from a seed: the values the storage kernel writes (seeded by the
 * key) and the inputs of its jobs (seeded by the request id). Each byte is one of 16 letters {@code 'a'..'p'}, drawn
 * from a SplitMix64 stream, so the data has 4 bits of entropy per byte: compressible like text, never constant, and
 * the same seed always yields the same bytes (a later {@code get} can check what it read against what was put).
 *
 * <p>Stateless; any thread. Allocates nothing.
 */
public final class ValueFiller {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private ValueFiller() {
    }

    /** Writes {@code length} bytes derived from {@code seed} into {@code dst[0, length)}. */
    public static void fill(long seed, byte[] dst, int length) {
        long state = seed * GOLDEN_GAMMA;
        int i = 0;
        while (i < length) {
            state += GOLDEN_GAMMA;
            long bits = mix(state);
            for (int b = 0; b < 16 && i < length; b++, i++) {
                dst[i] = (byte) ('a' + (int) ((bits >>> (b * 4)) & 0xF));
            }
        }
    }

    /** Whether {@code src[0, length)} holds exactly what {@link #fill} writes for {@code seed}. */
    public static boolean matches(long seed, byte[] src, int length) {
        long state = seed * GOLDEN_GAMMA;
        int i = 0;
        while (i < length) {
            state += GOLDEN_GAMMA;
            long bits = mix(state);
            for (int b = 0; b < 16 && i < length; b++, i++) {
                if (src[i] != (byte) ('a' + (int) ((bits >>> (b * 4)) & 0xF))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
