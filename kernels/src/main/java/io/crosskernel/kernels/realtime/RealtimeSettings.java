package io.crosskernel.kernels.realtime;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Units;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The realtime kernel's settings. Immutable; parsed on the host thread during validation, admission and boot.
 *
 * @param policy             how ready jobs are ordered: EDF (default), RM or DM
 * @param spinAheadNanos     how long before the next known release the kernel stops returning to its idle strategy
 *                           and busy-spins on the clock, so the release starts on time (0: never spin)
 * @param overrunSlackNanos  a job that executes longer than its cost plus this slack is a budget overrun
 * @param sporadicNanos      minimum inter-arrival time per workload name, for workloads that reach the kernel as
 *                           sporadic jobs whose arrival schedule does not define one (unmodifiable, in the order written)
 * @param queueDepth         how many requests the kernel holds at once (its job pool)
 */
public record RealtimeSettings(RtPolicy policy, long spinAheadNanos, long overrunSlackNanos,
        Map<String, Long> sporadicNanos, int queueDepth) {
    public static final String POLICY = "policy";
    public static final String SPIN_AHEAD = "spinAhead";
    public static final String OVERRUN_SLACK = "overrunSlack";
    public static final String SPORADIC = "sporadic";
    public static final String QUEUE_DEPTH = "queueDepth";
    public static final Set<String> KEYS = Set.of(POLICY, SPIN_AHEAD, OVERRUN_SLACK, SPORADIC, QUEUE_DEPTH);

    public static final long DEFAULT_SPIN_AHEAD_NANOS = 50_000;
    public static final long DEFAULT_OVERRUN_SLACK_NANOS = 10_000;
    public static final int DEFAULT_QUEUE_DEPTH = 1024;
    public static final int MIN_QUEUE_DEPTH = 1;
    public static final int MAX_QUEUE_DEPTH = 1 << 20;
    /** Spinning longer than this before a release is a wasted core, and it delays draining the channels. */
    public static final long MAX_SPIN_AHEAD_NANOS = 10_000_000;

    public RealtimeSettings {
        if (policy == null) {
            throw new IllegalArgumentException("policy is missing");
        }
        if (spinAheadNanos < 0 || spinAheadNanos > MAX_SPIN_AHEAD_NANOS) {
            throw new InvalidSettingException(SPIN_AHEAD, SPIN_AHEAD + " must be between 0 and "
                    + Units.formatNanos(MAX_SPIN_AHEAD_NANOS) + ", got " + Units.formatNanos(spinAheadNanos)
                    + ": write for example '" + SPIN_AHEAD + ": 50us'");
        }
        if (overrunSlackNanos < 0) {
            throw new InvalidSettingException(OVERRUN_SLACK, OVERRUN_SLACK + " must not be negative");
        }
        if (queueDepth < MIN_QUEUE_DEPTH || queueDepth > MAX_QUEUE_DEPTH) {
            throw new InvalidSettingException(QUEUE_DEPTH, QUEUE_DEPTH + " must be between " + MIN_QUEUE_DEPTH
                    + " and " + MAX_QUEUE_DEPTH + ", got " + queueDepth + ": write for example '" + QUEUE_DEPTH
                    + ": " + DEFAULT_QUEUE_DEPTH + "'");
        }
        sporadicNanos = Collections.unmodifiableMap(new LinkedHashMap<>(sporadicNanos));
    }

    /** The defaults: EDF, spinAhead 50us, overrunSlack 10us, no sporadic entries, queueDepth 1024. */
    public static RealtimeSettings defaults() {
        return new RealtimeSettings(RtPolicy.EDF, DEFAULT_SPIN_AHEAD_NANOS, DEFAULT_OVERRUN_SLACK_NANOS, Map.of(),
                DEFAULT_QUEUE_DEPTH);
    }

    /** The minimum inter-arrival the {@code sporadic} setting gives {@code workload}, or -1 if it names none. */
    public long sporadicNanosOf(String workload) {
        Long value = sporadicNanos.get(workload);
        return value == null ? -1 : value;
    }

    /**
     * Parses the settings the scenario wrote; missing keys take their defaults.
     *
     * @throws InvalidSettingException naming the key that is wrong and what to write instead
     */
    public static RealtimeSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidSettingException(key, "unknown setting '" + key + "' for a realtime kernel:"
                        + " the accepted settings are " + POLICY + ", " + SPIN_AHEAD + ", " + OVERRUN_SLACK + ", "
                        + SPORADIC + " and " + QUEUE_DEPTH);
            }
        }
        RtPolicy policy = RtPolicy.EDF;
        if (settings.containsKey(POLICY)) {
            try {
                policy = RtPolicy.parse(settings.get(POLICY));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(POLICY, e.getMessage());
            }
        }
        long spinAhead = duration(settings, SPIN_AHEAD, DEFAULT_SPIN_AHEAD_NANOS, "50us");
        long slack = duration(settings, OVERRUN_SLACK, DEFAULT_OVERRUN_SLACK_NANOS, "10us");
        Map<String, Long> sporadic = settings.containsKey(SPORADIC) ? sporadic(settings.get(SPORADIC)) : Map.of();
        int queueDepth = DEFAULT_QUEUE_DEPTH;
        if (settings.containsKey(QUEUE_DEPTH)) {
            String text = settings.get(QUEUE_DEPTH);
            long value;
            try {
                value = Long.parseLong(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(QUEUE_DEPTH, QUEUE_DEPTH + " must be a whole number between "
                        + MIN_QUEUE_DEPTH + " and " + MAX_QUEUE_DEPTH + ", got '" + text + "': write for example '"
                        + QUEUE_DEPTH + ": " + DEFAULT_QUEUE_DEPTH + "'");
            }
            if (value < MIN_QUEUE_DEPTH || value > MAX_QUEUE_DEPTH) {
                throw new InvalidSettingException(QUEUE_DEPTH, QUEUE_DEPTH + " must be between " + MIN_QUEUE_DEPTH
                        + " and " + MAX_QUEUE_DEPTH + ", got " + value + ": write for example '" + QUEUE_DEPTH
                        + ": " + DEFAULT_QUEUE_DEPTH + "'");
            }
            queueDepth = (int) value;
        }
        return new RealtimeSettings(policy, spinAhead, slack, sporadic, queueDepth);
    }

    private static long duration(Map<String, String> settings, String key, long fallback, String example) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Units.parseDurationNanos(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, e.getMessage() + ": write for example '" + key + ": " + example
                    + "'");
        }
    }

    /** {@code orders=200us, alerts=1ms}. */
    private static Map<String, Long> sporadic(String text) {
        String example = "write for example '" + SPORADIC + ": \"orders=200us,alerts=1ms\"' (workload=minimum"
                + " inter-arrival time, comma-separated)";
        Map<String, Long> result = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            throw new InvalidSettingException(SPORADIC, SPORADIC + " is empty: " + example);
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw new InvalidSettingException(SPORADIC, "'" + part.trim() + "' in " + SPORADIC
                        + " needs a workload name and a time: " + example);
            }
            long nanos;
            try {
                nanos = Units.parseDurationNanos(part.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(SPORADIC, "workload '" + name + "' in " + SPORADIC + ": "
                        + e.getMessage());
            }
            if (nanos <= 0) {
                throw new InvalidSettingException(SPORADIC, "workload '" + name + "' in " + SPORADIC
                        + ": the minimum inter-arrival time must be above zero");
            }
            if (result.put(name, nanos) != null) {
                throw new InvalidSettingException(SPORADIC, "workload '" + name + "' appears twice in " + SPORADIC);
            }
        }
        return result;
    }
}
