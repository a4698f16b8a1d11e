package io.crosskernel.hypervisor.report;

import org.HdrHistogram.Histogram;

/**
 * A kernel's hiccups over the run, all its workers together: gaps between consecutive clock readings of a worker
 * above the threshold, in which it wanted to run and did not (see {@link io.crosskernel.api.hiccup.HiccupMeter}).
 *
 * @param count                hiccups
 * @param p50Nanos             median length (HdrHistogram, three significant digits); 0 when there were none
 * @param p99Nanos             99th percentile length
 * @param maxNanos             longest
 * @param lostNanos            their total length, summed over the workers
 * @param lostNanosPerSecond   time lost per second of run, per worker: {@code lostNanos / workers / run seconds}
 * @param droppedIntervals     hiccups whose interval the ring no longer held when misses were attributed
 * @param thresholdNanos       the gap above which a reading marked a hiccup ({@code host.hiccupThreshold})
 */
public record HiccupSummary(long count, long p50Nanos, long p99Nanos, long maxNanos, long lostNanos,
        double lostNanosPerSecond, long droppedIntervals, long thresholdNanos) {
    public static final HiccupSummary NONE = new HiccupSummary(0, 0, 0, 0, 0, 0, 0, 0);

    /** From the lengths of every worker's hiccups and their counters. */
    public static HiccupSummary of(Histogram lengths, long lostNanos, long dropped, int workers, long runNanos,
            long thresholdNanos) {
        boolean any = lengths.getTotalCount() > 0;
        double perSecond = runNanos <= 0 ? 0 : lostNanos / (double) Math.max(1, workers) / (runNanos / 1e9);
        return new HiccupSummary(lengths.getTotalCount(), any ? lengths.getValueAtPercentile(50) : 0,
                any ? lengths.getValueAtPercentile(99) : 0, any ? lengths.getMaxValue() : 0, lostNanos, perSecond,
                dropped, thresholdNanos);
    }
}
