package io.crosskernel.api.hiccup;

import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.SingleWriterCounter;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * jHiccup inside one kernel worker: told every clock reading of the worker's duty loop (and of a synthetic task's
 * spin), it treats a gap between two consecutive readings above the threshold as a <em>hiccup</em>, an interval in
 * which the worker wanted to run and did not (the OS ran something else on its core, the hypervisor took the vCPU,
 * the JVM stopped every thread).
 *
 * <p>Each hiccup is kept as an interval {@code (previous reading, this reading)} in a preallocated ring of
 * {@link #CAPACITY} intervals that overwrites its oldest entry when full (counted in {@link #droppedIntervals()}),
 * and its length goes into an HdrHistogram. The count and the total time lost cover every hiccup, dropped or not.
 *
 * <p><b>Cost.</b> {@link #sample} is one subtraction and one compare in the common case (no hiccup); a hiccup writes
 * two array slots, one histogram bucket and two counters. Nothing allocates, locks or calls the OS. A
 * {@linkplain #confined() confined} meter (a simulated run, where allocating costs no virtual time and nothing
 * pauses a worker) instead starts with an empty ring that grows to {@link #CAPACITY} as hiccups come: a simulated run
 * of many workers does not pay for 256 KiB of intervals per worker that only a real run can fill.
 *
 * <p><b>Threading.</b> Single writer: {@link #sample} and {@link #rebase} only on the owning worker thread;
 * {@link #threshold} before that thread starts (its start publishes it). The counters and the histogram may be read
 * by the host at any time; {@link #intervals()} only after the worker stopped (a thread join orders it after the last
 * write).
 */
public final class HiccupMeter {
    /** Intervals kept per worker: a few thousand hiccups is a very bad run; the counts stay exact beyond it. */
    public static final int CAPACITY = 16384;
    /**
     * 20 µs: a busy-spinning duty cycle reads its clock every few hundred nanoseconds, a job's spin every few tens, so
     * a gap forty times the normal one is not the loop's own work; a 1 ms deadline loses 2 % to a gap this long.
     */
    public static final long DEFAULT_THRESHOLD_NANOS = 20_000;

    /** The ring: {@link #CAPACITY} long, or shorter while a confined meter grows it (writer only). */
    private long[] starts;
    private long[] ends;
    private final LatencyRecorder lengths;
    private final SingleWriterCounter count = new SingleWriterCounter();
    private final SingleWriterCounter lostNanos = new SingleWriterCounter();
    private long thresholdNanos = DEFAULT_THRESHOLD_NANOS;
    /** The previous reading; Long.MIN_VALUE until the first, which only sets it. */
    private long last = Long.MIN_VALUE;
    /** Next ring slot to write; intervals written in total is count. */
    private int next;

    /** A meter whose host reads it from another thread (a real run): the ring is allocated whole. */
    public HiccupMeter() {
        this(CAPACITY, LatencyRecorder.crossThread());
    }

    private HiccupMeter(int ringLength, LatencyRecorder lengths) {
        this.starts = new long[ringLength];
        this.ends = new long[ringLength];
        this.lengths = lengths;
    }

    /**
     * A meter whose host reads it on the writer's own thread (a simulated run): its ring starts empty and grows as
     * hiccups come (recording then may allocate), its histogram is {@link LatencyRecorder#confined()}.
     */
    public static HiccupMeter confined() {
        return new HiccupMeter(0, LatencyRecorder.confined());
    }

    /** Sets the gap above which a reading marks a hiccup. Before the worker starts. */
    public void threshold(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("the hiccup threshold must be above zero, got " + nanos + "ns");
        }
        thresholdNanos = nanos;
    }

    /** Any thread: the gap above which a reading marks a hiccup. */
    public long thresholdNanos() {
        return thresholdNanos;
    }

    /** Writer only: a clock reading of the worker while it wanted to run. */
    public void sample(long now) {
        long gap = now - last;
        if (gap > thresholdNanos && last != Long.MIN_VALUE) {
            record(last, now, gap);
        }
        last = now;
    }

    /**
     * Writer only: a reading after time the worker chose not to watch (a parking idle strategy, work the meter does
     * not see into): the next gap is measured from here, the one before it is not examined.
     */
    public void rebase(long now) {
        last = now;
    }

    private void record(long from, long to, long gap) {
        int slot = next;
        if (slot == starts.length) {
            grow(); // only a confined meter's ring is ever shorter than CAPACITY
        }
        starts[slot] = from;
        ends[slot] = to;
        next = slot + 1 == CAPACITY ? 0 : slot + 1;
        lengths.record(gap);
        lostNanos.add(gap);
        count.increment();
    }

    /** Writer only: doubles a confined meter's ring (it has not wrapped: it wraps only at CAPACITY). */
    private void grow() {
        int length = Math.min(CAPACITY, Math.max(16, starts.length * 2));
        starts = Arrays.copyOf(starts, length);
        ends = Arrays.copyOf(ends, length);
    }

    /** Any thread: hiccups seen so far. */
    public long count() {
        return count.get();
    }

    /** Any thread: their total length. */
    public long lostNanos() {
        return lostNanos.get();
    }

    /** Any thread: hiccups whose interval the ring no longer holds. */
    public long droppedIntervals() {
        return Math.max(0, count.get() - CAPACITY);
    }

    /** Reader only (the host): adds the lengths recorded since the last call to {@code total}. */
    public void drainLengthsInto(Histogram total) {
        lengths.drainInto(total);
    }

    /**
     * After the worker stopped: from when the ring's intervals are the whole evidence. Every interval the ring
     * overwrote ended before the oldest it still holds began, so a window that starts at or after that start has lost
     * nothing; one that starts earlier may have (its miss is then counted unattributed, never given a cause the lost
     * evidence could contradict). {@link Long#MIN_VALUE} when nothing was overwritten.
     */
    public long evidenceFromNanos() {
        long n = count.get();
        return n > CAPACITY ? starts[next] : Long.MIN_VALUE;
    }

    /** After the worker stopped: the intervals the ring holds, oldest first. */
    public Intervals intervals() {
        long n = count.get();
        int held = (int) Math.min(n, CAPACITY);
        long[] from = new long[held];
        long[] to = new long[held];
        int first = n > CAPACITY ? next : 0;
        for (int i = 0; i < held; i++) {
            int slot = (first + i) % CAPACITY;
            from[i] = starts[slot];
            to[i] = ends[slot];
        }
        return Intervals.of(from, to);
    }
}
