package io.crosskernel.api.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * A latency histogram with one writing thread (a kernel worker) and one reading thread (the host).
 *
 * <p>HdrHistogram's interval-recorder scheme, as its {@code SingleWriterRecorder} does it: the writer records into the
 * <em>active</em> histogram; the reader swaps in a cleared one and waits, with a {@link WriterReaderPhaser}, until no
 * write can still land in the one it took. {@link #record(long)} is wait-free. Values are nanoseconds from 1 ns to
 * {@link #HIGHEST_TRACKABLE_NANOS} at three significant digits; larger values are recorded as the highest (and
 * counted, so a clamp is never silent).
 *
 * <p><b>Size.</b> A {@linkplain #crossThread() cross-thread} recorder (a real run) allocates its two histograms for
 * the whole 10-minute range up front (about 250 KiB each), so recording never allocates, whatever the machine does to
 * the latencies. A {@linkplain #confined() confined} one (a simulated run, where allocating costs no virtual time)
 * starts at the smallest size HdrHistogram has for three digits (values up to 2 047 ns exactly, 16 KiB each) and grows
 * with the largest value recorded, one doubling of the range at a time (8 KiB each): an idle worker's recorders stay
 * small, so a simulated run of many kernels does not spend its heap and its collector on histograms nobody fills.
 *
 * <p><b>Threading.</b> {@link #crossThread()} (and the constructor): writer and reader are different threads, and
 * each record is a phaser critical section (two atomic increments). {@link #confined()}: the reader is the writer's
 * own thread (a simulated run drives every worker and the host on one thread), so a record is a plain histogram
 * update and there is no swap at all: one histogram, which {@link #interval()} hands out and the next record (or
 * interval) clears, so a confined recorder holds one histogram instead of two; calling it from two threads is a
 * contract violation, not a supported mode.
 *
 * <p>Memory ordering (cross-thread): the reader publishes the cleared histogram with a release store and then flips
 * the phaser (a volatile read-modify-write); a writer entering its critical section (a volatile increment) after the
 * flip therefore sees the cleared histogram and its cleared counts, and a writer that entered before it is waited for
 * by the flip, whose end-epoch loads (volatile) then make every value it recorded visible to the reader.
 */
public final class LatencyRecorder {
    /** Ten minutes: anything slower is a stall, not a latency. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** How long the reader sleeps between checks while a writer is inside its critical section. */
    private static final long FLIP_YIELD_NANOS = 500_000;

    private static final VarHandle ACTIVE;

    static {
        try {
            ACTIVE = MethodHandles.lookup().findVarHandle(LatencyRecorder.class, "active", Histogram.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Null when {@link #confined()}: the writer and the reader are one thread. */
    private final WriterReaderPhaser phaser;
    /** Written by the reader (release), read by the writer (acquire, or plain when confined). */
    @SuppressWarnings("unused") // accessed through ACTIVE, or plainly when confined
    private Histogram active;
    /**
     * Reader only: the histogram the last swap took (returned by {@link #interval()}), cleared at the next swap. Null
     * when confined.
     */
    private Histogram taken;
    /** Confined only: {@link #interval()} handed out the histogram; the next record or interval clears it first. */
    private boolean handedOut;
    private final SingleWriterCounter clamped = new SingleWriterCounter();

    /** A recorder whose reader is another thread than its writer: the same as {@link #crossThread()}. */
    public LatencyRecorder() {
        this(new WriterReaderPhaser());
    }

    private LatencyRecorder(WriterReaderPhaser phaser) {
        this.phaser = phaser;
        this.active = phaser == null ? newAccumulator() : fullRange();
        this.taken = phaser == null ? null : fullRange();
    }

    /** A histogram for every value a recorder keeps, allocated whole: recording into it never allocates. */
    private static Histogram fullRange() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, 3);
    }

    /** A recorder written by one thread and read by another (a real run: a worker and the host). */
    public static LatencyRecorder crossThread() {
        return new LatencyRecorder();
    }

    /**
     * A recorder whose writer and reader are the same thread (a simulated run): recording takes no atomic
     * instruction.
     */
    public static LatencyRecorder confined() {
        return new LatencyRecorder(null);
    }

    /** Writer thread only. Negative values (a clock read out of order) are recorded as 0. */
    public void record(long nanos) {
        if (nanos > HIGHEST_TRACKABLE_NANOS) {
            clamped.increment();
            nanos = HIGHEST_TRACKABLE_NANOS;
        }
        long value = Math.max(0, nanos);
        if (phaser == null) {
            if (handedOut) {
                clearHandedOut();
            }
            active.recordValue(value);
            return;
        }
        long epoch = phaser.writerCriticalSectionEnter();
        try {
            ((Histogram) ACTIVE.getAcquire(this)).recordValue(value);
        } finally {
            phaser.writerCriticalSectionExit(epoch);
        }
    }

    /**
     * Writer thread only: records every value of {@code recorded} with its count, as if each had been recorded here
     * (a histogram another process recorded and sent over, docs/PROCESSES.md). Off the hot path: it allocates an
     * iterator.
     */
    public void recordAll(Histogram recorded) {
        if (handedOut) {
            clearHandedOut();
        }
        long epoch = phaser == null ? 0 : phaser.writerCriticalSectionEnter();
        try {
            Histogram into = phaser == null ? active : (Histogram) ACTIVE.getAcquire(this);
            for (HistogramIterationValue value : recorded.recordedValues()) {
                long nanos = value.getValueIteratedTo();
                long count = value.getCountAtValueIteratedTo();
                if (nanos > HIGHEST_TRACKABLE_NANOS) {
                    clamped.add(count);
                    nanos = HIGHEST_TRACKABLE_NANOS;
                }
                into.recordValueWithCount(Math.max(0, nanos), count);
            }
        } finally {
            if (phaser != null) {
                phaser.writerCriticalSectionExit(epoch);
            }
        }
    }

    /** Reader thread only: adds everything recorded since the last call to {@code total}. */
    public void drainInto(Histogram total) {
        Histogram interval = interval();
        if (interval.getTotalCount() > 0) {
            total.add(interval);
        }
    }

    /**
     * Reader thread only: everything recorded since the last drain, discard or call to this method. The histogram
     * returned is the recorder's own and is cleared by the next call: read it, or add it elsewhere, before then.
     * Costs a clear of the previous interval's histogram only when that one recorded something.
     */
    public Histogram interval() {
        if (phaser == null) {
            if (handedOut) {
                clearHandedOut();
            }
            handedOut = true;
            return active;
        }
        Histogram cleared = taken;
        if (cleared.getTotalCount() > 0) {
            cleared.reset(); // an interval that recorded nothing is still clear: nothing to walk
        }
        phaser.readerLock();
        try {
            taken = (Histogram) ACTIVE.get(this); // the reader is the only thread that stores it
            ACTIVE.setRelease(this, cleared);
            phaser.flipPhase(FLIP_YIELD_NANOS);
        } finally {
            phaser.readerUnlock();
        }
        return taken;
    }

    /** Confined only: clears the histogram {@link #interval()} handed out (a clear walks it: skipped when empty). */
    private void clearHandedOut() {
        if (active.getTotalCount() > 0) {
            active.reset();
        }
        handedOut = false;
    }

    /** Reader thread only: forgets everything recorded since the last drain (the end of a warm-up). */
    public void discard() {
        interval();
    }

    /** Any thread: how many values exceeded {@link #HIGHEST_TRACKABLE_NANOS}. */
    public long clampedCount() {
        return clamped.get();
    }

    /**
     * A histogram able to accumulate what this recorder records: three significant digits from 1 ns, growing with
     * the largest value added to it (so it costs memory and walks in proportion to the latencies it holds, not to the
     * 10-minute range it could hold).
     */
    public static Histogram newAccumulator() {
        return new Histogram(3);
    }
}
