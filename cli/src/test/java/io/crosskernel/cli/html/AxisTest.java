package io.crosskernel.cli.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void percentileAxisGivesEveryNineTheSameWidth() {
        assertThat(PercentileCurve.position(0)).isEqualTo(0);
        assertThat(PercentileCurve.position(90)).isCloseTo(1, within(1e-9));
        assertThat(PercentileCurve.position(99)).isCloseTo(2, within(1e-9));
        assertThat(PercentileCurve.position(99.9)).isCloseTo(3, within(1e-9));
        assertThat(PercentileCurve.position(99.999)).isCloseTo(5, within(1e-6));
        assertThat(PercentileCurve.position(50)).isCloseTo(Math.log10(2), within(1e-9));
    }

    @Test
    void percentilesBeyondTheAxisAndTheMaximumSitAtItsEnd() {
        assertThat(PercentileCurve.position(100)).isEqualTo(PercentileCurve.NINES);
        assertThat(PercentileCurve.position(99.99999)).isEqualTo(PercentileCurve.NINES);
        assertThat(PercentileCurve.position(99.9, 2)).isEqualTo(2);
    }

    @Property(tries = 200)
    void percentilePositionGrowsWithThePercentile(@ForAll @DoubleRange(min = 0, max = 99.99) double a,
            @ForAll @DoubleRange(min = 0, max = 99.99) double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        assertThat(PercentileCurve.position(low)).isLessThanOrEqualTo(PercentileCurve.position(high));
    }

    @Test
    void percentileTicksAreLabelledLikeThePlotter() {
        Axis axis = Axis.percentiles(5);
        assertThat(axis.ticks()).extracting(Axis.Tick::label)
                .containsExactly("0%", "90%", "99%", "99.9%", "99.99%", "99.999%");
        assertThat(axis.ticks()).extracting(Axis.Tick::value).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(axis.fraction(PercentileCurve.position(99.9))).isCloseTo(0.6, within(1e-9));
        assertThatThrownBy(() -> Axis.percentiles(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linearAxisEndsOnARoundNumberWithRoundTicks() {
        Axis axis = Axis.linear("rate", 3450, Format::rate);
        assertThat(axis.max()).isEqualTo(4000);
        assertThat(axis.ticks()).extracting(Axis.Tick::label).containsExactly("0/s", "1k/s", "2k/s", "3k/s", "4k/s");

        Axis percent = Axis.linear("util", 100, v -> Format.number(v) + "%");
        assertThat(percent.max()).isEqualTo(100);
        assertThat(percent.ticks()).extracting(Axis.Tick::label)
                .containsExactly("0%", "20%", "40%", "60%", "80%", "100%");
    }

    @Test
    void linearAxisOfNothingStillHasARange() {
        Axis axis = Axis.linear("rate", 0, Format::rate);
        assertThat(axis.min()).isZero();
        assertThat(axis.max()).isEqualTo(1);
        assertThat(axis.fraction(0)).isZero();
        assertThat(Axis.linear("nan", Double.NaN, Format::rate).max()).isEqualTo(1);
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Axis.niceStep(0.7)).isEqualTo(1);
        assertThat(Axis.niceStep(1.3)).isEqualTo(2);
        assertThat(Axis.niceStep(3)).isEqualTo(5);
        assertThat(Axis.niceStep(7)).isEqualTo(10);
        assertThat(Axis.niceStep(230)).isCloseTo(500, within(1e-9));
    }

    @Test
    void latencyAxisCoversWholeDecadesAroundTheValues() {
        Axis axis = Axis.decades("latency", 1_500, 2_500_000, Format::latency);
        assertThat(axis.min()).isEqualTo(1_000);
        assertThat(axis.max()).isEqualTo(10_000_000);
        assertThat(axis.logarithmic()).isTrue();
        assertThat(axis.ticks()).extracting(Axis.Tick::label)
                .containsExactly("1 µs", "10 µs", "100 µs", "1 ms", "10 ms");
        assertThat(axis.fraction(100_000)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void latencyAxisOfOneValueOrZeroStillHasADecade() {
        Axis one = Axis.decades("latency", 1_000, 1_000, Format::latency);
        assertThat(List.of(one.min(), one.max())).containsExactly(1_000.0, 10_000.0);
        Axis zero = Axis.decades("latency", 0, 0, Format::latency);
        assertThat(List.of(zero.min(), zero.max())).containsExactly(1.0, 10.0);
        assertThat(zero.fraction(0)).isZero();
    }

    @Test
    void fractionClampsToTheAxis() {
        Axis axis = Axis.linear("x", 10, Format::number);
        assertThat(axis.fraction(-5)).isZero();
        assertThat(axis.fraction(50)).isEqualTo(1);
        assertThat(axis.fraction(5)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void rejectsAnEmptyRange() {
        assertThatThrownBy(() -> new Axis("x", 1, 1, false, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Axis("x", 0, 1, true, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
