package io.crosskernel.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@link Clock} that only moves when told to: deterministic tests drive kernels with it.
 *
 * <p>Threading: any thread may read; {@link #advance(long)} and {@link #set(long)} may be called from any thread and
 * publish the new time with release semantics.
 */
public final class ManualClock implements Clock {
    private static final VarHandle NOW;

    static {
        try {
            NOW = MethodHandles.lookup().findVarHandle(ManualClock.class, "now", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through NOW
    private long now;

    public ManualClock(long startNanos) {
        NOW.setRelease(this, startNanos);
    }

    @Override
    public long nanoTime() {
        return (long) NOW.getAcquire(this);
    }

    /** Moves time forward by {@code nanos} (which must not be negative) and returns the new time. */
    public long advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward, got " + nanos + "ns");
        }
        return (long) NOW.getAndAdd(this, nanos) + nanos;
    }

    /** Sets the time; it must not move backwards. */
    public void set(long nanos) {
        long current = nanoTime();
        if (nanos < current) {
            throw new IllegalArgumentException("time only moves forward: " + nanos + " < " + current);
        }
        NOW.setRelease(this, nanos);
    }
}
