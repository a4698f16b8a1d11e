package io.crosskernel.api.hiccup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.metrics.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HiccupMeterTest {
    private static final long US = 1_000;

    @Test
    void aGapAboveTheThresholdIsAHiccupFromThePreviousReadingToThisOne() {
        HiccupMeter meter = new HiccupMeter();
        meter.threshold(20 * US);
        meter.sample(1_000 * US);
        meter.sample(1_010 * US);
        meter.sample(1_030 * US); // 20us: not above the threshold
        meter.sample(1_080 * US); // 50us: a hiccup
        meter.sample(1_081 * US);

        assertThat(meter.count()).isEqualTo(1);
        assertThat(meter.lostNanos()).isEqualTo(50 * US);
        Intervals intervals = meter.intervals();
        assertThat(intervals.size()).isEqualTo(1);
        assertThat(intervals.start(0)).isEqualTo(1_030 * US);
        assertThat(intervals.end(0)).isEqualTo(1_080 * US);
        Histogram lengths = LatencyRecorder.newAccumulator();
        meter.drainLengthsInto(lengths);
        assertThat(lengths.getTotalCount()).isEqualTo(1);
        assertThat(lengths.getMaxValue()).isBetween(49 * US, 51 * US);
    }

    @Test
    void theFirstReadingAndAReadingAfterARebaseAreNotCompared() {
        HiccupMeter meter = new HiccupMeter();
        meter.sample(5_000_000_000L);
        meter.sample(5_000_000_100L);
        meter.rebase(9_000_000_000L); // the worker parked: the gap before this is not a hiccup
        meter.sample(9_000_000_100L);

        assertThat(meter.count()).isZero();
        assertThat(meter.intervals().size()).isZero();
    }

    @Test
    void aFullRingKeepsTheNewestIntervalsAndCountsTheDroppedOnes() {
        HiccupMeter meter = new HiccupMeter();
        long t = 0;
        meter.sample(t);
        int hiccups = HiccupMeter.CAPACITY + 10;
        for (int i = 0; i < hiccups; i++) {
            t += 100 * US;
            meter.sample(t);
            t += US;
            meter.sample(t); // a normal reading between hiccups keeps their intervals apart
        }

        assertThat(meter.count()).isEqualTo(hiccups);
        assertThat(meter.droppedIntervals()).isEqualTo(10);
        Intervals kept = meter.intervals();
        assertThat(kept.size()).isEqualTo(HiccupMeter.CAPACITY);
        assertThat(kept.start(0)).as("the oldest kept is the 11th").isEqualTo(10 * 101 * US);
        assertThat(kept.end(kept.size() - 1)).isEqualTo(t - US);
        // Evidence is complete only from the oldest interval kept: the ten overwritten ones all ended before it.
        assertThat(meter.evidenceFromNanos()).isEqualTo(kept.start(0));
        assertThat(9 * 101 * US + 100 * US).as("the newest dropped one ended there").isLessThanOrEqualTo(kept.start(0));
    }

    @Test
    void aRingThatDroppedNothingIsEvidenceForTheWholeRun() {
        HiccupMeter meter = new HiccupMeter();
        meter.sample(0);
        meter.sample(100 * US);
        assertThat(meter.count()).isOne();
        assertThat(meter.evidenceFromNanos()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void refusesAThresholdThatIsNotPositive() {
        assertThatThrownBy(() -> new HiccupMeter().threshold(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above zero");
    }

    @Test
    void aConfinedMeterGrowsItsRingAndThenKeepsExactlyWhatAPreallocatedOneKeeps() {
        HiccupMeter whole = new HiccupMeter();
        HiccupMeter growing = HiccupMeter.confined();
        long t = 0;
        whole.sample(t);
        growing.sample(t);
        int hiccups = HiccupMeter.CAPACITY * 2 + 37; // grows through every doubling, then wraps twice
        for (int i = 0; i < hiccups; i++) {
            t += (30 + i % 7) * US;
            whole.sample(t);
            growing.sample(t);
            t += US;
            whole.sample(t);
            growing.sample(t);
            if (i == 40) {
                assertThat(growing.intervals().size()).isEqualTo(41);
                assertThat(growing.evidenceFromNanos()).isEqualTo(Long.MIN_VALUE);
            }
        }

        Intervals expected = whole.intervals();
        Intervals actual = growing.intervals();
        assertThat(actual.size()).isEqualTo(expected.size()).isEqualTo(HiccupMeter.CAPACITY);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.start(i)).as("start %d", i).isEqualTo(expected.start(i));
            assertThat(actual.end(i)).as("end %d", i).isEqualTo(expected.end(i));
        }
        assertThat(growing.evidenceFromNanos()).isEqualTo(whole.evidenceFromNanos()).isNotEqualTo(Long.MIN_VALUE);
        assertThat(growing.droppedIntervals()).isEqualTo(whole.droppedIntervals()).isEqualTo(hiccups - HiccupMeter.CAPACITY);
        assertThat(growing.lostNanos()).isEqualTo(whole.lostNanos());
    }
}
