package io.crosskernel.api.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class KeyWorkloadTest {
    private static KeyWorkload of(long keys, KeyDistribution d, double skew) {
        return new KeyWorkload(keys, d, skew, 42, 500_000, 450_000, 50_000);
    }

    @Test
    void keysArePureFunctionsOfTheWorkloadAndTheSequence() {
        for (KeyDistribution d : KeyDistribution.values()) {
            KeyWorkload a = of(1000, d, 0.99);
            KeyWorkload b = of(1000, d, 0.99);
            for (long n = 0; n < 10_000; n++) {
                assertThat(a.key(n)).isEqualTo(b.key(n)).isBetween(0L, 999L);
                assertThat(a.op(n)).isEqualTo(b.op(n));
            }
        }
    }

    @Test
    void sequentialKeysGoRound() {
        KeyWorkload w = of(3, KeyDistribution.SEQUENTIAL, 0);
        assertThat(new long[] {w.key(0), w.key(1), w.key(2), w.key(3), w.key(4)}).containsExactly(0, 1, 2, 0, 1);
    }

    @Test
    void zipfianKeysAreSkewedTowardsKeyZeroAndUniformOnesAreNot() {
        int n = 200_000;
        long[] zipf = new long[1000];
        long[] uniform = new long[1000];
        KeyWorkload z = of(1000, KeyDistribution.ZIPFIAN, 0.99);
        KeyWorkload u = of(1000, KeyDistribution.UNIFORM, 0);
        for (long i = 0; i < n; i++) {
            zipf[(int) z.key(i)]++;
            uniform[(int) u.key(i)]++;
        }
        // Zipf(0.99) over 1000 keys: key 0 takes 1/zeta(1000, 0.99), about 13% of draws; key 1 about half of that.
        double zeta = KeyWorkload.zeta(1000, 0.99);
        assertThat(zipf[0] / (double) n).isCloseTo(1 / zeta, Offset.offset(0.005));
        assertThat(zipf[1] / (double) n).isCloseTo(Math.pow(2, -0.99) / zeta, Offset.offset(0.005));
        assertThat(zipf[0]).isGreaterThan(zipf[1]).isGreaterThan(zipf[10]);
        long max = 0;
        for (long c : uniform) {
            max = Math.max(max, c);
        }
        assertThat(max).isLessThan(300); // mean 200
    }

    @Test
    void theOpMixFollowsItsShares() {
        KeyWorkload w = of(10, KeyDistribution.UNIFORM, 0);
        int puts = 0;
        int deletes = 0;
        for (long id = 0; id < 100_000; id++) {
            StageOp op = w.op(id);
            puts += op == StageOp.PUT ? 1 : 0;
            deletes += op == StageOp.DELETE ? 1 : 0;
        }
        assertThat(puts / 100_000.0).isCloseTo(0.5, Offset.offset(0.01));
        assertThat(deletes / 100_000.0).isCloseTo(0.05, Offset.offset(0.005));
    }

    @Test
    void zetaBeyondTheExactTermsMatchesTheSum() {
        long n = KeyWorkload.EXACT_ZETA_TERMS * 3;
        double exact = 0;
        for (long i = n; i >= 1; i--) {
            exact += 1 / StrictMath.pow(i, 0.8);
        }
        assertThat(KeyWorkload.zeta(n, 0.8)).isCloseTo(exact, Offset.offset(exact * 1e-9));
    }

    @Test
    void refusesSharesThatDoNotAddUp() {
        assertThatThrownBy(() -> new KeyWorkload(10, KeyDistribution.UNIFORM, 0, 1, 1, 1, 1))
                .hasMessageContaining("add up to 100%");
        assertThatThrownBy(() -> new KeyWorkload(10, KeyDistribution.ZIPFIAN, 1.0, 1, 1_000_000, 0, 0))
                .hasMessageContaining("skew");
    }
}
