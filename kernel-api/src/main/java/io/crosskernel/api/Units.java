package io.crosskernel.api;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parses and prints quantities the way people write them: {@code 1ms}, {@code 250us}, {@code 1.5s}, {@code 200k/s},
 * {@code 64KiB}.
 *
 * <p>Parsing is for configuration only (it allocates); never call it on a hot path. Every parse error is an
 * {@link IllegalArgumentException} whose message says what was wrong and gives a correct example.
 */
public final class Units {
    private Units() {
    }

    /**
     * Parses a duration: a non-negative number followed by {@code ns}, {@code us} (or {@code µs}), {@code ms},
     * {@code s}, {@code m} or {@code h}. A bare {@code 0} is accepted.
     *
     * @return the duration in nanoseconds
     */
    public static long parseDurationNanos(String text) {
        String t = normalise(text);
        if (t.equals("0")) {
            return 0;
        }
        String[][] suffixes = {{"ns", "1"}, {"us", "1000"}, {"µs", "1000"}, {"ms", "1000000"}, {"s", "1000000000"},
                {"m", "60000000000"}, {"h", "3600000000000"}};
        // Two-letter units come before "s" and "m", so "ms" is never read as minutes or seconds.
        for (String[] suffix : suffixes) {
            if (t.endsWith(suffix[0]) && isNumber(t.substring(0, t.length() - suffix[0].length()))) {
                return scale(t.substring(0, t.length() - suffix[0].length()), suffix[1], text, "duration");
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit"
                + " (ns, us, ms, s, m, h), for example 250us or 1.5s");
    }

    /**
     * Parses a rate in events per second: a number, an optional {@code k}, {@code M} or {@code G} multiplier and
     * {@code /s} (for example {@code 200k/s}); {@code /ms} and {@code /us} are accepted too.
     *
     * @return events per second, as a double (a rate may be fractional, such as {@code 0.5/s})
     */
    public static double parseRatePerSecond(String text) {
        String t = normalise(text);
        int slash = t.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write a count per second,"
                    + " for example 200k/s or 1000/s");
        }
        String per = t.substring(slash + 1);
        double perSecond;
        switch (per) {
            case "s":
                perSecond = 1;
                break;
            case "ms":
                perSecond = 1e3;
                break;
            case "us":
            case "µs":
                perSecond = 1e6;
                break;
            default:
                throw new IllegalArgumentException("'" + text + "' is not a rate: the unit after '/' must be s, ms or"
                        + " us, for example 200k/s");
        }
        String count = t.substring(0, slash);
        double multiplier = 1;
        char last = count.isEmpty() ? ' ' : count.charAt(count.length() - 1);
        if (last == 'k' || last == 'K') {
            multiplier = 1e3;
        } else if (last == 'M') {
            multiplier = 1e6;
        } else if (last == 'G') {
            multiplier = 1e9;
        }
        if (multiplier != 1) {
            count = count.substring(0, count.length() - 1);
        }
        if (!isNumber(count)) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write a count per second,"
                    + " for example 200k/s or 1000/s");
        }
        double rate = Double.parseDouble(count) * multiplier * perSecond;
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("'" + text + "' is not a usable rate: it must be above zero");
        }
        return rate;
    }

    /**
     * Parses a size: a number with {@code B}, {@code KiB}, {@code MiB}, {@code GiB} (powers of 1024) or {@code KB},
     * {@code MB}, {@code GB} (powers of 1000). A bare number means bytes.
     *
     * @return the size in bytes
     */
    public static long parseSizeBytes(String text) {
        String t = normalise(text);
        String[][] suffixes = {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}, {"KB", "1000"},
                {"MB", "1000000"}, {"GB", "1000000000"}, {"B", "1"}};
        for (String[] suffix : suffixes) {
            if (t.endsWith(suffix[0]) && isNumber(t.substring(0, t.length() - suffix[0].length()))) {
                return scale(t.substring(0, t.length() - suffix[0].length()), suffix[1], text, "size");
            }
        }
        if (isNumber(t)) {
            return scale(t, "1", text, "size");
        }
        throw new IllegalArgumentException("'" + text + "' is not a size: write a number and a unit"
                + " (B, KiB, MiB, GiB, KB, MB, GB), for example 64KiB");
    }

    /** Prints nanoseconds with the largest unit that keeps three significant figures: {@code 1.25ms}, {@code 830ns}. */
    public static String formatNanos(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return "inf";
        }
        long abs = Math.abs(nanos);
        if (abs < 1_000) {
            return nanos + "ns";
        }
        if (abs < 1_000_000) {
            return trim(nanos / 1e3) + "us";
        }
        if (abs < 1_000_000_000) {
            return trim(nanos / 1e6) + "ms";
        }
        return trim(nanos / 1e9) + "s";
    }

    /**
     * Prints nanoseconds exactly, in the largest unit that keeps every digit: {@code 500.001us}, {@code 1.5ms},
     * {@code 830ns}. For messages that compare figures, where {@link #formatNanos} could print two different values
     * alike ({@code 500us} for 500 001 ns).
     */
    public static String formatNanosExact(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return "inf";
        }
        long abs = Math.abs(nanos);
        int shift = abs < 1_000 ? 0 : abs < 1_000_000 ? 3 : abs < 1_000_000_000 ? 6 : 9;
        String unit = shift == 0 ? "ns" : shift == 3 ? "us" : shift == 6 ? "ms" : "s";
        return BigDecimal.valueOf(nanos).movePointLeft(shift).stripTrailingZeros().toPlainString() + unit;
    }

    /**
     * Prints {@code nanos} for a message that compares it with {@code other}: as {@link #formatNanos}, unless that
     * would print two different values alike ({@code 1ms > deadline 1ms} for 1 000 400 ns), in which case exactly
     * ({@link #formatNanosExact}).
     */
    public static String formatNanosAgainst(long nanos, long other) {
        String rounded = formatNanos(nanos);
        return nanos != other && rounded.equals(formatNanos(other)) ? formatNanosExact(nanos) : rounded;
    }

    /** Prints a per-second rate compactly: {@code 200k/s}, {@code 1.5M/s}, {@code 12/s}. */
    public static String formatRate(double perSecond) {
        if (perSecond >= 1e9) {
            return trim(perSecond / 1e9) + "G/s";
        }
        if (perSecond >= 1e6) {
            return trim(perSecond / 1e6) + "M/s";
        }
        if (perSecond >= 1e3) {
            return trim(perSecond / 1e3) + "k/s";
        }
        return trim(perSecond) + "/s";
    }

    /**
     * Prints a size in bytes with the largest binary unit that keeps three significant figures, as
     * {@link #parseSizeBytes} reads it back: {@code 512B}, {@code 1.5KiB}, {@code 11.8MiB}.
     */
    public static String formatBytes(long bytes) {
        long abs = Math.abs(bytes);
        if (abs < 1024) {
            return bytes + "B";
        }
        if (abs < 1024L * 1024) {
            return trim(bytes / 1024.0) + "KiB";
        }
        if (abs < 1024L * 1024 * 1024) {
            return trim(bytes / (1024.0 * 1024)) + "MiB";
        }
        return trim(bytes / (1024.0 * 1024 * 1024)) + "GiB";
    }

    private static String trim(double value) {
        String s;
        if (value >= 100) {
            s = String.format(Locale.ROOT, "%.0f", value);
        } else if (value >= 10) {
            s = String.format(Locale.ROOT, "%.1f", value);
        } else {
            s = String.format(Locale.ROOT, "%.2f", value);
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    private static String normalise(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a value is missing");
        }
        return text.trim().replace("_", "").replace(" ", "");
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean digit = false;
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static long scale(String number, String factor, String original, String what) {
        BigDecimal value = new BigDecimal(number).multiply(new BigDecimal(factor));
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + original + "' is too large a " + what);
        }
        return value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
