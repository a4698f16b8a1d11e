package io.crosskernel.kernels.common.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
    /** Eight bytes of a byte array as one little-endian long (plain access: the array is the caller's alone). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ValueFiller() {
    }

    /**
     * Writes {@code length} bytes derived from {@code seed} into {@code dst[0, length)}: sixteen letters per SplitMix64
     * draw, byte {@code b} of a draw from its nibble {@code b} (bits {@code 4b..4b+3}). Whole draws are written eight
     * bytes at a time (each nibble spread into a byte of a long, the letters' offset added to all eight at once), the
     * rest one byte at a time: the same bytes, several times faster than a byte loop (a simulated storage kernel
     * spends most of its time here).
     */
    public static void fill(long seed, byte[] dst, int length) {
        long state = seed * GOLDEN_GAMMA;
        int i = 0;
        int whole = length & ~15;
        while (i < whole) {
            state += GOLDEN_GAMMA;
            long bits = mix(state);
            LONGS.set(dst, i, letters(bits & 0xFFFFFFFFL));
            LONGS.set(dst, i + 8, letters(bits >>> 32));
            i += 16;
        }
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

    /** Eight letters, little-endian: byte {@code k} is {@code 'a'} plus nibble {@code k} of {@code nibbles}. */
    private static long letters(long nibbles) {
        long x = (nibbles | (nibbles << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        return x + 0x6161616161616161L; // 'a' in every byte: at most 'a' + 15, no carry between bytes
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
