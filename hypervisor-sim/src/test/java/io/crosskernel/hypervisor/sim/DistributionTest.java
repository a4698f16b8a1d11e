package io.crosskernel.hypervisor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void drawsFollowTheGivenPercentiles() {
        Distribution d = new Distribution(new double[] {0, 50, 99, 100}, new long[] {100, 200, 1_000, 5_000});
        SplittableRandom random = new SplittableRandom(3);
        long[] draws = new long[100_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = d.sample(random);
        }
        Arrays.sort(draws);
        assertThat(draws[0]).isGreaterThanOrEqualTo(100);
        assertThat(draws[draws.length - 1]).isLessThanOrEqualTo(5_000);
        assertThat(draws[50_000]).isBetween(195L, 205L);
        // Linear between the points: p90 is 200 + 40/49 of the way to 1000.
        assertThat(draws[90_000]).isBetween(835L, 870L);
        // Between p99 and p100 the values spread over 4us: the empirical p99 moves more.
        assertThat(draws[99_000]).isBetween(900L, 1_400L);
        assertThat(d.median()).isEqualTo(200);
    }

    @Test
    void aConstantIsAlwaysItself() {
        assertThat(Distribution.constant(76).sample(new SplittableRandom(1))).isEqualTo(76);
        assertThat(Distribution.constant(76).describe()).isEqualTo("76ns");
    }

    @Test
    void refusesPercentilesThatDoNotRunFromZeroToAHundredOrDecrease() {
        assertThatThrownBy(() -> new Distribution(new double[] {1, 100}, new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Distribution(new double[] {0, 100}, new long[] {5, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
