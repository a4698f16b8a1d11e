package io.crosskernel.cli.html;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency histogram as the points of HdrHistogram's percentile plot: x is {@link #position(double) log10(1/(1-p))},
 * so 90%, 99%, 99.9% ... are evenly spaced and the tail gets room; y is the latency in the histogram's unit. Stateless.
 */
final class PercentileCurve {
    /** How many nines the report's percentile axis reaches: 99.999%. */
    static final int NINES = 5;
    /** Points per halving of the distance to 100%, as the plotter's {@code .hgrm} output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private PercentileCurve() {
    }

    /**
     * Where percentile {@code percent} (0..100) sits on the percentile axis: {@code log10(100 / (100 - percent))},
     * capped at {@code nines} (100% itself has no finite position: the maximum is drawn at the end of the axis).
     */
    static double position(double percent, int nines) {
        if (percent >= 100) {
            return nines;
        }
        return Math.min(nines, Math.log10(100 / (100 - Math.max(0, percent))));
    }

    /** {@link #position(double, int)} on the report's axis of {@link #NINES} nines. */
    static double position(double percent) {
        return position(percent, NINES);
    }

    /**
     * The curve of {@code histogram}: one point per step of its percentile iteration, ending at the maximum. Empty when
     * nothing was recorded. The histogram is only read.
     */
    static List<Series.Point> points(Histogram histogram) {
        List<Series.Point> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double x = position(value.getPercentileLevelIteratedTo());
            double y = value.getValueIteratedTo();
            // Past the axis end every point would pile up on its edge: keep only the highest (the maximum, last).
            if (!points.isEmpty() && points.get(points.size() - 1).x() >= NINES && x >= NINES) {
                points.set(points.size() - 1, new Series.Point(x, Math.max(y, points.get(points.size() - 1).y())));
            } else {
                points.add(new Series.Point(x, y));
            }
        }
        return points;
    }
}
