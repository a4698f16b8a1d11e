package io.crosskernel.kernels.realtime;

import java.util.Locale;

/**
 * How the real-time dispatcher orders ready jobs.
 *
 * <p>Immutable and thread-safe.
 */
public enum RtPolicy {
    /** Earliest (absolute) deadline first: a dynamic priority per job. */
    EDF("edf", "earliest-deadline-first"),
    /** Rate-monotonic: a fixed priority per task, shorter period first. */
    RM("rm", "rate-monotonic"),
    /** Deadline-monotonic: a fixed priority per task, shorter relative deadline first. */
    DM("dm", "deadline-monotonic");

    private final String alias;
    private final String displayName;

    RtPolicy(String alias, String displayName) {
        this.alias = alias;
        this.displayName = displayName;
    }

    /**
     * Reads a policy as written in a scenario: {@code edf}, {@code rm} or {@code dm} (case and surrounding blanks
     * ignored).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RtPolicy parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (RtPolicy policy : values()) {
                if (policy.alias.equals(t)) {
                    return policy;
                }
            }
        }
        throw new IllegalArgumentException("unknown real-time policy '" + text + "': use edf"
                + " (earliest-deadline-first), rm (rate-monotonic) or dm (deadline-monotonic)");
    }

    /** The scenario spelling: {@code edf}, {@code rm}, {@code dm}. */
    public String alias() {
        return alias;
    }

    /** The long name used in messages, e.g. {@code rate-monotonic}. */
    public String displayName() {
        return displayName;
    }

    /** True for RM and DM, whose priorities are fixed per task. */
    public boolean isFixedPriority() {
        return this != EDF;
    }
}
