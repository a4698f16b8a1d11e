package io.crosskernel.api.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 64-bit counter with exactly one writing thread and any number of readers.
 *
 * <p>The writer does a plain read and an opaque write (no lock prefix, no fence): about the cost of a field
 * increment. Readers see a value that is never torn and never goes backwards, though it may lag the writer by a few
 * nanoseconds. Calling a mutator from two threads loses counts: that is the contract, not a bug.
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

    /** Writer only. */
    public void increment() {
        VALUE.setOpaque(this, (long) VALUE.get(this) + 1);
    }

    /** Writer only. */
    public void add(long delta) {
        VALUE.setOpaque(this, (long) VALUE.get(this) + delta);
    }

    /** Writer only: for gauges such as a high-water mark. */
    public void set(long newValue) {
        VALUE.setOpaque(this, newValue);
    }

    /** Writer only: raises the value to {@code candidate} if it is larger (a high-water mark). */
    public void max(long candidate) {
        if (candidate > (long) VALUE.get(this)) {
            VALUE.setOpaque(this, candidate);
        }
    }

    /** Any thread. */
    public long get() {
        return (long) VALUE.getOpaque(this);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
