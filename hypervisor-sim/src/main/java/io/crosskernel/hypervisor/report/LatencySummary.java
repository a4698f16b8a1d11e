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

    /** The percentiles {@link #of} reports, ascending: p50, p90, p99, p99.9. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /**
     * The summary of {@code histogram}: exactly HdrHistogram's {@code getValueAtPercentile} and {@code getMean}
     * (the same bucket for each percentile, the same sum in the same order for the mean), taken in one walk over the
     * recorded values from the smallest to the largest instead of five (four percentiles from the lowest value each, then the
     * mean), because the host summarises every latency histogram of the run at every latency pass.
     * {@code LatencySummaryTest} checks it against HdrHistogram's own methods.
     */
    public static LatencySummary of(Histogram histogram) {
        long total = histogram.getTotalCount();
        if (total == 0) {
            return EMPTY;
        }
        long[] targets = new long[PERCENTILES.length];
        for (int i = 0; i < targets.length; i++) {
            // getValueAtPercentile's rank: the smallest count at or above the requested share, at least one.
            double requested = Math.min(Math.max(Math.nextAfter(PERCENTILES[i], Double.NEGATIVE_INFINITY), 0.0D),
                    100.0D);
            targets[i] = Math.max(1, (long) Math.ceil(requested * total / 100.0));
        }
        long[] values = new long[PERCENTILES.length];
        int next = 0;
        double sum = 0;
        long seen = 0;
        // From the smallest value recorded, not from 0: nothing below it counts, and a histogram of microsecond
        // latencies would otherwise step through its 2 048 one-nanosecond buckets first. (HdrHistogram's
        // recorded-values iterator, tried instead, steps through every bucket from 0 and cost more.)
        long first = histogram.lowestEquivalentValue(histogram.getMinValue());
        for (long value = first; seen < total; value = histogram.nextNonEquivalentValue(value)) {
            long count = histogram.getCountAtValue(value);
            if (count == 0) {
                continue;
            }
            seen += count;
            sum += histogram.medianEquivalentValue(value) * (double) count;
            while (next < targets.length && seen >= targets[next]) {
                values[next++] = histogram.highestEquivalentValue(value);
            }
        }
        return new LatencySummary(total, histogram.getMinValue(), values[0], values[1], values[2], values[3],
                histogram.getMaxValue(), sum * 1.0 / total);
    }
}
