package io.crosskernel.hypervisor.report;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in nanoseconds: the one shape every latency of the report takes (kernel task
 * response time, release lateness, end-to-end and stage latency, a realtime task's lateness and response time).
 * Values are HdrHistogram's, at three significant digits. Zero everywhere when nothing was recorded.
 *
 * @param count values recorded
 * @param min   the smallest value
 * @param max   the largest value
 * @param mean  the arithmetic mean
 */
public record LatencySummary(long count, long min, long p50, long p90, long p99, long p999, long max, double mean) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                histogram.getMean());
    }
}
