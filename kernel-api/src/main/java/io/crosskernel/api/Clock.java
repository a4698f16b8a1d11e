package io.crosskernel.api;

/**
 * The only source of time a kernel may use.
 *
 * <p>Kernel code never calls {@link System#nanoTime()} directly: the host injects a clock so the same kernel can run
 * against wall time ({@link SystemNanoClock}) or a clock a test advances by hand ({@link ManualClock}).
 *
 * <p>Threading: implementations must be safe to call from any thread and must not allocate.
 */
@FunctionalInterface
public interface Clock {
    /**
     * @return a monotonic time in nanoseconds; only differences between two readings of the same clock are meaningful.
     */
    long nanoTime();
}
