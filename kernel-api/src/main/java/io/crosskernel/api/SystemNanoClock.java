package io.crosskernel.api;

/**
 * {@link Clock} backed by {@link System#nanoTime()} (a vDSO read on Linux, not a system call).
 *
 * <p>Stateless and thread-safe; use the shared {@link #INSTANCE}.
 */
public final class SystemNanoClock implements Clock {
    public static final SystemNanoClock INSTANCE = new SystemNanoClock();

    private SystemNanoClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
