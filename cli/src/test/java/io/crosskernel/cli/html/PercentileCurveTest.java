package io.crosskernel.cli.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileCurveTest {

    @Test
    void anEmptyHistogramHasNoCurve() {
        assertThat(PercentileCurve.points(new Histogram(3))).isEmpty();
    }

    @Test
    void aSingleValueIsAFlatLineEndingAtTheAxisEnd() {
        Histogram histogram = ReportFixtures.histogram(42_000);
        List<Series.Point> points = PercentileCurve.points(histogram);
        assertThat(points).isNotEmpty();
        assertThat(points).allSatisfy(p -> assertThat(p.y()).isEqualTo(histogram.highestEquivalentValue(42_000)));
        assertThat(points.get(0).x()).isZero();
        assertThat(points.get(points.size() - 1).x()).isEqualTo(PercentileCurve.NINES);
    }

    @Test
    void curveRisesToTheRightAndReadsThePercentiles() {
        Histogram histogram = new Histogram(3);
        for (long v = 1; v <= 100_000; v++) {
            histogram.recordValue(v);
        }
        List<Series.Point> points = PercentileCurve.points(histogram);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).x()).isGreaterThanOrEqualTo(points.get(i - 1).x());
            assertThat(points.get(i).y()).isGreaterThanOrEqualTo(points.get(i - 1).y());
        }
        // The last point is the maximum, at the end of the axis, and only one point sits there.
        Series.Point last = points.get(points.size() - 1);
        assertThat(last.x()).isEqualTo(PercentileCurve.NINES);
        assertThat(last.y()).isEqualTo(histogram.highestEquivalentValue(histogram.getMaxValue()));
        assertThat(points.stream().filter(p -> p.x() >= PercentileCurve.NINES)).hasSize(1);
        // Around x = 2 (99%) the curve is at about 99,000.
        Series.Point at99 = points.stream().filter(p -> p.x() >= 2).findFirst().orElseThrow();
        assertThat(at99.y()).isBetween(98_000.0, 100_100.0);
        assertThat(points.size()).isLessThan(400);
    }
}
