package io.crosskernel.api.jfr;

import java.util.List;
import jdk.jfr.Event;

/**
 * The crosskernel JFR event types, for a recorder that enables and registers them all.
 *
 * <p>Immutable; any thread.
 */
public final class CrossKernelEvents {
    /** Every crosskernel event class. */
    public static final List<Class<? extends Event>> CLASSES = List.of(KernelBootEvent.class, KernelStopEvent.class,
            DeadlineMissEvent.class, BudgetOverrunEvent.class, BackpressureEvent.class, StallEvent.class);

    /** Their event names ({@code crosskernel.*}), in the order of {@link #CLASSES}. */
    public static final List<String> NAMES = List.of(KernelBootEvent.NAME, KernelStopEvent.NAME,
            DeadlineMissEvent.NAME, BudgetOverrunEvent.NAME, BackpressureEvent.NAME, StallEvent.NAME);

    private CrossKernelEvents() {
    }
}
