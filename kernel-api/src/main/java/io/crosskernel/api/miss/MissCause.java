package io.crosskernel.api.miss;

import java.util.Locale;

/**
 * Why a deadline was missed; declared in precedence order (the first one whose evidence holds is the cause). See
 * docs/OBSERVABILITY.md, "Misses by cause", for the evidence of each and why this order.
 */
public enum MissCause {
    /** A GC pause or safepoint overlapped the miss: every thread of the JVM stood still. */
    COLLECTOR,
    /** A hiccup of the worker overlapped the miss: the machine took the core away. */
    PLATFORM,
    /** The job's own execution exceeded its budget (declared cost plus slack). */
    OVERRUN,
    /** None of the above: the kernel was running and ran other work first. */
    SCHEDULING;

    /** The name in reports and expectation metrics: {@code collector}, {@code platform}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
