package io.crosskernel.api.metrics;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A latency histogram with one writing thread (a kernel worker) and one reading thread (the host).
 *
 * <p>Wraps HdrHistogram's {@link SingleWriterRecorder}: {@link #record(long)} is wait-free and allocation-free;
 * the host periodically moves what was recorded into its own cumulative histogram with {@link #drainInto}. Values
 * are nanoseconds from 1 ns to {@link #HIGHEST_TRACKABLE_NANOS} at three significant digits; larger values are
 * recorded as the highest (and counted, so a clamp is never silent).
 */
public final class LatencyRecorder {
    /** Ten minutes: anything slower is a stall, not a latency. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, 3);
    private final SingleWriterCounter clamped = new SingleWriterCounter();
    private Histogram recycled;

    /** Writer thread only. Negative values (a clock read out of order) are recorded as 0. */
    public void record(long nanos) {
        if (nanos > HIGHEST_TRACKABLE_NANOS) {
            clamped.increment();
            nanos = HIGHEST_TRACKABLE_NANOS;
        }
        recorder.recordValue(Math.max(0, nanos));
    }

    /**
     * Writer thread only: records every value of {@code recorded} with its count, as if each had been recorded here
     * (a histogram another process recorded and sent over, docs/PROCESSES.md). Off the hot path: it allocates an
     * iterator.
     */
    public void recordAll(Histogram recorded) {
        for (HistogramIterationValue value : recorded.recordedValues()) {
            long nanos = value.getValueIteratedTo();
            long count = value.getCountAtValueIteratedTo();
            if (nanos > HIGHEST_TRACKABLE_NANOS) {
                clamped.add(count);
                nanos = HIGHEST_TRACKABLE_NANOS;
            }
            recorder.recordValueWithCount(Math.max(0, nanos), count);
        }
    }

    /** Reader thread only: adds everything recorded since the last call to {@code total}. */
    public void drainInto(Histogram total) {
        total.add(interval());
    }

    /**
     * Reader thread only: everything recorded since the last drain, discard or call to this method. The histogram
     * returned is the recorder's own and is reused by the next call: read it, or add it elsewhere, before then.
     */
    public Histogram interval() {
        recycled = recorder.getIntervalHistogram(recycled);
        return recycled;
    }

    /** Reader thread only: forgets everything recorded since the last drain (the end of a warm-up). */
    public void discard() {
        recycled = recorder.getIntervalHistogram(recycled);
    }

    /** Any thread: how many values exceeded {@link #HIGHEST_TRACKABLE_NANOS}. */
    public long clampedCount() {
        return clamped.get();
    }

    /** A histogram able to accumulate what this recorder records. */
    public static Histogram newAccumulator() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, 3);
    }
}
