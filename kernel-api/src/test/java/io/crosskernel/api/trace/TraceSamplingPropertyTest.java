package io.crosskernel.api.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/** Sampling is a pure function of the trace id that keeps about the requested fraction of requests. */
class TraceSamplingPropertyTest {
    private static final int IDS = 200_000;

    @Property(tries = 200)
    void sameIdAndRateGiveTheSameDecision(@ForAll long traceId, @ForAll @DoubleRange(min = 0, max = 1) @Scale(6) double rate) {
        long threshold = TraceSampling.thresholdFor(rate);
        assertThat(TraceSampling.isSampled(traceId, threshold))
                .isEqualTo(TraceSampling.isSampled(traceId, TraceSampling.thresholdFor(rate)));
    }

    @Property(tries = 40)
    void sampledFractionOfSequentialIdsIsCloseToTheRate(@ForAll @DoubleRange(min = 0.001, max = 1) @Scale(6) double rate,
            @ForAll @LongRange(min = 0, max = 1L << 50) long firstId) {
        long threshold = TraceSampling.thresholdFor(rate);
        int sampled = 0;
        for (long id = firstId; id < firstId + IDS; id++) {
            if (TraceSampling.isSampled(id, threshold)) {
                sampled++;
            }
        }
        // Binomial standard deviation sqrt(n p (1-p)); six of them (plus one for tiny rates) is never hit by chance.
        double expected = rate * IDS;
        double sigma = Math.sqrt(IDS * rate * (1 - rate));
        assertThat((double) sampled).isCloseTo(expected, org.assertj.core.data.Offset.offset(6 * sigma + 1));
    }

    @Property(tries = 100)
    void aHigherRateSamplesEverythingALowerRateSamples(@ForAll long traceId,
            @ForAll @DoubleRange(min = 0, max = 1) @Scale(6) double a, @ForAll @DoubleRange(min = 0, max = 1) @Scale(6) double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        if (TraceSampling.isSampled(traceId, TraceSampling.thresholdFor(low))) {
            assertThat(TraceSampling.isSampled(traceId, TraceSampling.thresholdFor(high))).isTrue();
        }
    }

    @Property(tries = 200)
    void rateOneSamplesEveryIdAndZeroNone(@ForAll long traceId) {
        assertThat(TraceSampling.isSampled(traceId, TraceSampling.thresholdFor(1.0))).isTrue();
        assertThat(TraceSampling.isSampled(traceId, TraceSampling.thresholdFor(0.0))).isFalse();
        assertThat(HopTracer.NONE.isSampled(traceId)).isFalse();
    }

    @Example
    void rejectsRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> TraceSampling.thresholdFor(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceSampling.thresholdFor(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TraceSampling.thresholdFor(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
