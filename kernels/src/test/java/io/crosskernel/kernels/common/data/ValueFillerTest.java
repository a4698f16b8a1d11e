package io.crosskernel.kernels.common.data;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ValueFillerTest {

    @Property(tries = 300)
    void fillWritesTheSameBytesAsTheOneByteAtATimeDefinition(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 300) int length) {
        byte[] filled = new byte[length + 8];
        filled[length] = 42; // a byte past the length stays untouched

        ValueFiller.fill(seed, filled, length);

        byte[] expected = byteByByte(seed, length);
        for (int i = 0; i < length; i++) {
            assertThat(filled[i]).as("byte %d of %d", i, length).isEqualTo(expected[i]);
        }
        assertThat(filled[length]).isEqualTo((byte) 42);
        assertThat(ValueFiller.matches(seed, filled, length)).isTrue();
    }

    @Test
    void theFirstLettersOfSeedOneArePinned() {
        byte[] value = new byte[20];

        ValueFiller.fill(1, value, value.length);

        assertThat(new String(value, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(new String(byteByByte(1, 20), java.nio.charset.StandardCharsets.US_ASCII))
                .matches("[a-p]{20}");
    }

    /** The definition: sixteen letters per SplitMix64 draw, byte b from nibble b. */
    private static byte[] byteByByte(long seed, int length) {
        byte[] out = new byte[length];
        long gamma = 0x9E3779B97F4A7C15L;
        long state = seed * gamma;
        int i = 0;
        while (i < length) {
            state += gamma;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            long bits = z ^ (z >>> 31);
            for (int b = 0; b < 16 && i < length; b++, i++) {
                out[i] = (byte) ('a' + (int) ((bits >>> (b * 4)) & 0xF));
            }
        }
        return out;
    }
}
