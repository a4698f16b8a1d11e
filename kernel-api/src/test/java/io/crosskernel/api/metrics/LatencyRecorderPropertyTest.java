package io.crosskernel.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;

/**
 * A confined recorder (one histogram, handed out and cleared lazily) and a cross-thread one (two histograms swapped
 * under a phaser) must report the same intervals and the same totals for any sequence of records, interval reads and
 * discards on one thread.
 */
class LatencyRecorderPropertyTest {
    @Property(tries = 300)
    void confinedAndCrossThreadRecordersGiveTheSameIntervals(
            @ForAll @Size(max = 200) List<@LongRange(min = -5, max = 50_000_000) Long> values,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 9) Integer> actions) {
        LatencyRecorder confined = LatencyRecorder.confined();
        LatencyRecorder crossThread = LatencyRecorder.crossThread();
        Histogram confinedTotal = LatencyRecorder.newAccumulator();
        Histogram crossThreadTotal = LatencyRecorder.newAccumulator();
        int next = 0;
        for (int action : actions) {
            if (action == 0) { // the host reads an interval (a sample)
                Histogram a = confined.interval();
                Histogram b = crossThread.interval();
                assertThat(a.getTotalCount()).isEqualTo(b.getTotalCount());
                assertThat(a.getMaxValue()).isEqualTo(b.getMaxValue());
                assertThat(a.getValueAtPercentile(50)).isEqualTo(b.getValueAtPercentile(50));
                confinedTotal.add(a);
                crossThreadTotal.add(b);
            } else if (action == 1) { // the end of a warm-up
                confined.discard();
                crossThread.discard();
            } else if (next < values.size()) {
                long value = values.get(next++);
                confined.record(value);
                crossThread.record(value);
            }
        }
        confined.drainInto(confinedTotal);
        crossThread.drainInto(crossThreadTotal);

        assertThat(confinedTotal).isEqualTo(crossThreadTotal);
        assertThat(confined.interval().getTotalCount()).as("nothing recorded since the last interval").isZero();
    }
}
