package io.crosskernel.kernels.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeavyHittersTest {
    @Test
    void findsTheHottestKeysOfASkewedStreamInBoundedMemory() {
        HeavyHitters sketch = new HeavyHitters(16); // any key above 2750 / 16 = 172 is kept
        for (int round = 0; round < 1000; round++) {
            sketch.record(1); // 1000
            if (round % 2 == 0) {
                sketch.record(2); // 500
            }
            if (round % 4 == 0) {
                sketch.record(3); // 250
            }
            sketch.record(1000 + round); // 1000 keys seen once each
        }

        assertThat(sketch.total()).isEqualTo(2750);
        assertThat(sketch.top(3)).extracting(HeavyHitters.Entry::key).containsExactly(1L, 2L, 3L);
        for (HeavyHitters.Entry e : sketch.top(3)) {
            long truth = e.key() == 1 ? 1000 : e.key() == 2 ? 500 : 250;
            assertThat(e.count()).isBetween(truth, truth + e.error());
        }
    }

    @Test
    void fewerKeysThanCountersAreCountedExactly() {
        HeavyHitters sketch = new HeavyHitters(4);
        sketch.record(5);
        sketch.record(5);
        sketch.record(9);

        assertThat(sketch.top(10)).containsExactly(new HeavyHitters.Entry(5, 2, 0), new HeavyHitters.Entry(9, 1, 0));
    }
}
