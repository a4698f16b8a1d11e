package io.crosskernel.api.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 64-bit counter with exactly one writing thread and any number of readers.
 *
 * <p>Memory ordering, as Agrona's {@code AtomicCounter} names it: the writer reads its own field plainly (no other
 * thread writes it) and stores with release semantics ({@code setRelease}: on x86 a plain {@code mov} that the
 * compiler may not reorder with earlier stores; no lock prefix, no fence), about the cost of a field increment.
 * Readers choose:
 * <ul>
 *   <li>{@link #getOpaque()} ({@link #get()} is the same): a value that is never torn and never goes backwards, though
 *       it may lag the writer by a few nanoseconds. Enough for a figure no other read depends on.</li>
 *   <li>{@link #getAcquire()}: additionally, everything the writer did before the store that produced the value read
 *       (its other counters, and through release/acquire chains what other threads did before it, such as the
 *       source that generated a request before this worker completed it) is visible to the reader's later reads.
 *       The host's drain check needs this: it reads the finishing counters with acquire, then the generated ones,
 *       so it can never see a request finished that it does not also see generated.</li>
 * </ul>
 * Calling a mutator from two threads loses counts: that is the contract, not a bug.
 */
public final class SingleWriterCounter {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SingleWriterCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through VALUE
    private long value;

    /** Writer only: plain read of its own field, release store. */
    public void increment() {
        VALUE.setRelease(this, (long) VALUE.get(this) + 1);
    }

    /** Writer only: plain read of its own field, release store. */
    public void add(long delta) {
        VALUE.setRelease(this, (long) VALUE.get(this) + delta);
    }

    /** Writer only, release store: for gauges such as a high-water mark. */
    public void set(long newValue) {
        VALUE.setRelease(this, newValue);
    }

    /** Writer only: raises the value to {@code candidate} if it is larger (a high-water mark); release store. */
    public void max(long candidate) {
        if (candidate > (long) VALUE.get(this)) {
            VALUE.setRelease(this, candidate);
        }
    }

    /** Any thread: an opaque load (atomic, never older than a value this thread saw before). */
    public long getOpaque() {
        return (long) VALUE.getOpaque(this);
    }

    /**
     * Any thread: an acquire load. Reads that follow it see at least what the writer had done before storing the
     * value returned (see the class comment for when that matters).
     */
    public long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /** Any thread: {@link #getOpaque()}, for figures whose reads need no order among them. */
    public long get() {
        return getOpaque();
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
