package io.crosskernel.api.idle;

import java.util.Locale;

/** Creates idle strategies by the names used in scenario files. */
public final class IdleStrategies {
    /** Every accepted name, in the order documented. */
    public static final String[] NAMES = {"busy-spin", "yield", "backoff", "park"};

    private IdleStrategies() {
    }

    /**
     * Returns a strategy for one worker thread: a fresh instance for stateful strategies, the shared one otherwise.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is not one of {@link #NAMES}
     */
    public static IdleStrategy forWorker(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "busy-spin":
            case "spin":
                return BusySpinIdleStrategy.INSTANCE;
            case "yield":
                return YieldingIdleStrategy.INSTANCE;
            case "backoff":
                return new BackoffIdleStrategy();
            case "park":
                return ParkingIdleStrategy.DEFAULT;
            default:
                throw new IllegalArgumentException(
                        "unknown idle strategy '" + name + "': use busy-spin, yield, backoff or park");
        }
    }
}
