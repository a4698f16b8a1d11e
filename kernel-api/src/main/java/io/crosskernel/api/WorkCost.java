package io.crosskernel.api;

/**
 * What one piece of real work a kernel does (a compress, a log append) costs in a model of time: a fixed part and a
 * part per KiB of data. A simulated run charges it to the kernel's virtual core through
 * {@link Clock#spendModelled(long)}; a real run has {@link #NONE}, because there the work takes its own time.
 *
 * <p>Immutable; {@link #nanos(int)} allocates nothing.
 *
 * @param baseNanos   the cost of the work on no data
 * @param nanosPerKiB what each KiB adds
 */
public record WorkCost(long baseNanos, long nanosPerKiB) {
    /** Costs nothing in the model: the work's real time is all there is. */
    public static final WorkCost NONE = new WorkCost(0, 0);

    public WorkCost {
        if (baseNanos < 0 || nanosPerKiB < 0) {
            throw new IllegalArgumentException("work costs are zero or more, got " + baseNanos + "ns + "
                    + nanosPerKiB + "ns/KiB");
        }
    }

    /** The modelled cost of the work on {@code bytes} of data. */
    public long nanos(int bytes) {
        return baseNanos + nanosPerKiB * bytes / 1024;
    }
}
