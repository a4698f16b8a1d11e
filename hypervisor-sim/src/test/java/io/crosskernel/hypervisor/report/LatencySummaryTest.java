package io.crosskernel.hypervisor.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.metrics.LatencyRecorder;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link LatencySummary#of}'s one walk gives exactly what HdrHistogram's own percentile and mean methods give. */
class LatencySummaryTest {

    @Property(tries = 500)
    void oneWalkGivesHdrHistogramsPercentilesAndMeanExactly(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 600_000_000_000L) Long> values,
            @ForAll @LongRange(min = 1, max = 5) long repeat) {
        Histogram growing = LatencyRecorder.newAccumulator();
        Histogram fixed = new Histogram(1, LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 3);
        for (long value : values) {
            // Mostly short latencies with a long tail, as a run records them.
            long v = value % 7 == 0 ? value : value % 50_000;
            growing.recordValueWithCount(v, repeat);
            fixed.recordValueWithCount(v, repeat);
        }

        assertThat(LatencySummary.of(growing)).isEqualTo(byHdrHistogram(growing));
        assertThat(LatencySummary.of(fixed)).isEqualTo(byHdrHistogram(fixed));
    }

    @Test
    void singleValueAndEmptyHistogram() {
        Histogram histogram = LatencyRecorder.newAccumulator();
        assertThat(LatencySummary.of(histogram)).isEqualTo(LatencySummary.EMPTY);

        histogram.recordValue(12_345);

        LatencySummary summary = LatencySummary.of(histogram);
        assertThat(summary).isEqualTo(byHdrHistogram(histogram));
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.p50()).isEqualTo(histogram.highestEquivalentValue(12_345));
    }

    private static LatencySummary byHdrHistogram(Histogram h) {
        return new LatencySummary(h.getTotalCount(), h.getMinValue(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue(), h.getMean());
    }
}
