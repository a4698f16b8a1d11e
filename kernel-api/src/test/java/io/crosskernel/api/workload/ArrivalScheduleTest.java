package io.crosskernel.api.workload;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    @Test
    void constantRateReleasesEveryPeriodFromItsOffsetUntilTheLimit() {
        ConstantRateSchedule schedule = new ConstantRateSchedule(1_000, 250, 3_500);
        long[] seen = drain(schedule, 10);
        assertThat(seen).containsExactly(250, 1_250, 2_250, 3_250);
    }

    @Test
    void burstReleasesCountAtTheSameInstantAndRepeats() {
        BurstSchedule burst = new BurstSchedule(100, 3, 1_000, 2_000);
        assertThat(drain(burst, 10)).containsExactly(100, 100, 100, 1_100, 1_100, 1_100);
        assertThat(drain(new BurstSchedule(5, 2, 0, Long.MAX_VALUE), 10)).containsExactly(5, 5);
    }

    @Test
    void copiesRestartTheSameSequence() {
        PoissonSchedule poisson = new PoissonSchedule(10_000, 42, 0, Long.MAX_VALUE);
        long[] first = drain(poisson.copy(), 100);
        long[] second = drain(poisson.copy(), 100);
        assertThat(first).containsExactly(second);
    }

    @Test
    void externalArrivalsReleaseNothing() {
        assertThat(new ExternalArrivals("udp").peek()).isEqualTo(ArrivalSchedule.NO_MORE_ARRIVALS);
    }

    @Property(tries = 50)
    void poissonMeanGapMatchesTheRate(@ForAll @DoubleRange(min = 100, max = 1e6) double rate, @ForAll long seed) {
        PoissonSchedule poisson = new PoissonSchedule(rate, seed, 0, Long.MAX_VALUE);
        int n = 20_000;
        long last = 0;
        for (int i = 0; i < n; i++) {
            long at = poisson.peek();
            assertThat(at).isGreaterThanOrEqualTo(last);
            last = at;
            poisson.advance();
        }
        double meanGap = last / (double) n;
        // The sample mean of 20k exponential gaps is within 5% of 1/rate with overwhelming probability.
        assertThat(meanGap).isCloseTo(1e9 / rate, org.assertj.core.data.Percentage.withPercentage(5));
    }

    private static long[] drain(ArrivalSchedule schedule, int max) {
        long[] out = new long[max];
        int n = 0;
        while (n < max && schedule.peek() != ArrivalSchedule.NO_MORE_ARRIVALS) {
            out[n++] = schedule.peek();
            schedule.advance();
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
