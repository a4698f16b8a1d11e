package io.crosskernel.api;

import java.util.Locale;

/** What a channel does with a message offered while it is full. */
public enum BackpressurePolicy {
    /** Refuse it with {@link SendResult#BACKPRESSURED}; the sender keeps it and retries on its next duty cycle. */
    RETRY("retry"),
    /** Discard the newest message (the one being offered) and count it as rejected. */
    DROP_NEWEST("drop-newest"),
    /** Count it as rejected and stop the whole run with an error naming the channel. */
    FAIL("fail");

    private final String alias;

    BackpressurePolicy(String alias) {
        this.alias = alias;
    }

    /** The name used in scenario files and reports. */
    public String alias() {
        return alias;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values if {@code text} is none of them
     */
    public static BackpressurePolicy fromAlias(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (BackpressurePolicy policy : values()) {
            if (policy.alias.equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown backpressure policy '" + text + "': use retry, drop-newest or fail");
    }
}
