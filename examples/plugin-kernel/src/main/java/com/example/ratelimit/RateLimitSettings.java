package com.example.ratelimit;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Units;
import java.util.Map;

/**
 * The settings of a {@code ratelimit} kernel, parsed from the strings the scenario holds. Every error is an
 * {@link InvalidSettingException} naming its key, which the scenario reader turns into a {@code file:line:column}
 * message pointing at that setting.
 *
 * @param ratePerSecond tokens per second: the sustained rate let through
 * @param burst         the bucket's capacity: how many requests may pass at once after a quiet spell
 * @param batch         most messages drained per channel, and most source arrivals released, per duty cycle
 * @param hold          most messages held for full {@code retry} channels
 */
record RateLimitSettings(double ratePerSecond, long burst, int batch, int hold) {
    static final String RATE = "rate";
    static final String BURST = "burst";
    static final String BATCH = "batch";
    static final String HOLD = "hold";

    /** Parses and range-checks {@code settings}; {@code rate} is required, the others have defaults. */
    static RateLimitSettings parse(Map<String, String> settings) {
        String rateText = settings.get(RATE);
        if (rateText == null) {
            throw new InvalidSettingException(RATE, "a ratelimit kernel needs a rate: add 'rate: 1k/s' (for "
                    + "example) to its settings");
        }
        double rate;
        try {
            rate = Units.parseRatePerSecond(rateText);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(RATE, e.getMessage());
        }
        if (rate > 1e9) {
            throw new InvalidSettingException(RATE, "rate must be at most 1G/s (one token per nanosecond), got '"
                    + rateText + "'");
        }
        long burst = whole(settings, BURST, 1, 1_000_000, 1);
        int batch = (int) whole(settings, BATCH, 1, 65_536, 64);
        int hold = (int) whole(settings, HOLD, 1, 1_048_576, 1024);
        return new RateLimitSettings(rate, burst, batch, hold);
    }

    private static long whole(Map<String, String> settings, String key, long min, long max, long fallback) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            value = min - 1; // reported as out of range below, with the text as written
        }
        if (value < min || value > max) {
            throw new InvalidSettingException(key, key + " must be a whole number from " + min + " to " + max
                    + ", got '" + text + "'");
        }
        return value;
    }
}
