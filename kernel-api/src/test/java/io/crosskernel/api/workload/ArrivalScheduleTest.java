package io.crosskernel.api.workload;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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

    @Property(tries = 100)
    void deterministicSchedulesExpectExactlyTheArrivalsTheyRelease(
            @ForAll @LongRange(min = 1, max = 5_000) long period, @ForAll @LongRange(min = 0, max = 5_000) long offset,
            @ForAll @LongRange(min = 0, max = 50_000) long until, @ForAll @IntRange(min = 1, max = 5) int count,
            @ForAll @LongRange(min = 0, max = 20_000) long limit) {
        ArrivalSchedule[] schedules = {new ConstantRateSchedule(period, offset, limit),
            new BurstSchedule(offset, count, period, limit), new BurstSchedule(offset, count, 0, limit)};
        for (ArrivalSchedule schedule : schedules) {
            long released = drain(schedule.copy(), 1_000_000).length;
            long releasedBeforeUntil = java.util.Arrays.stream(drain(schedule.copy(), 1_000_000))
                    .filter(t -> t < until).count();
            assertThat(schedule.expectedArrivals(Long.MAX_VALUE)).as(schedule.describe()).isEqualTo(released);
            assertThat(schedule.expectedArrivals(until)).as(schedule.describe() + " until " + until)
                    .isEqualTo(releasedBeforeUntil);
        }
    }

    @Test
    void poissonExpectsItsRateTimesTheTimeAndTheDefaultCountsACopy() {
        PoissonSchedule poisson = new PoissonSchedule(20_000, 7, 1_000_000_000L, Long.MAX_VALUE);
        assertThat(poisson.expectedArrivals(3_000_000_000L)).isEqualTo(40_000);
        assertThat(poisson.expectedArrivals(500_000_000L)).isZero();
        ArrivalSchedule counting = new EveryTenNanos(); // does not override expectedArrivals: the default counts
        assertThat(counting.expectedArrivals(1_000)).isEqualTo(100);
        assertThat(counting.peek()).as("the count runs on a copy").isZero();
        assertThat(new ExternalArrivals("tcp").expectedArrivals(Long.MAX_VALUE)).isZero();
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

    /** A schedule that leaves {@link ArrivalSchedule#expectedArrivals(long)} to the interface's default. */
    private static final class EveryTenNanos implements ArrivalSchedule {
        private long next;

        @Override
        public long peek() {
            return next;
        }

        @Override
        public void advance() {
            next += 10;
        }

        @Override
        public ArrivalSchedule copy() {
            return new EveryTenNanos();
        }

        @Override
        public String describe() {
            return "every 10ns";
        }
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
