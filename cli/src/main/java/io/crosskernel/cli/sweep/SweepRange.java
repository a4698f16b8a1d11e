package io.crosskernel.cli.sweep;

import io.crosskernel.hypervisor.scenario.ValueKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --set PATH=FROM..TO:POINTS}: the values a sweep gives one scenario key, written in the key's own notation
 * ({@link ValueKind}: {@code 10k..100k:10} for a rate, {@code 20us..200us:5} for a duration). Points are spaced
 * linearly from FROM to TO, both included, or by equal ratios ({@code --log}). Each value is rounded to what the
 * scenario can hold (whole nanoseconds, whole bytes, whole numbers when the key is one) and to nine significant
 * digits (three with {@code --log}, so the values read well), then written back as text the scenario reader accepts.
 * Immutable.
 *
 * @param kind   the notation of the key's value
 * @param values each point's value as the scenario will read it, in increasing order
 * @param base   each point's value in the kind's base unit (nanoseconds, per second, bytes)
 */
public record SweepRange(ValueKind kind, List<String> values, List<Double> base) {
    /** Most points a sweep runs: each is a whole run. */
    public static final int MAX_POINTS = 1000;

    public SweepRange {
        values = List.copyOf(values);
        base = List.copyOf(base);
    }

    /**
     * @param spec    {@code FROM..TO:POINTS}
     * @param current the key's value as the file writes it: decides the notation
     * @param log     space the points by equal ratios instead of equal steps
     * @throws IllegalArgumentException with a one-line message saying what is wrong and how to write it
     */
    public static SweepRange parse(String spec, String current, boolean log) {
        ValueKind currentKind = ValueKind.of(current);
        if (currentKind == null) {
            throw new IllegalArgumentException("the key's value '" + current + "' is not a number, a duration, a"
                    + " rate or a size");
        }
        int dots = spec.indexOf("..");
        int colon = spec.lastIndexOf(':');
        if (dots <= 0 || colon < dots + 2) {
            throw new IllegalArgumentException("'" + spec + "' is not a range: write FROM..TO:POINTS, for example "
                    + example(currentKind));
        }
        String fromText = spec.substring(0, dots).strip();
        String toText = spec.substring(dots + 2, colon).strip();
        String pointsText = spec.substring(colon + 1).strip();
        int points;
        try {
            points = Integer.parseInt(pointsText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("POINTS in '" + spec + "' must be a whole number, found '"
                    + pointsText + "': write FROM..TO:POINTS, for example " + example(currentKind));
        }
        if (points < 2 || points > MAX_POINTS) {
            throw new IllegalArgumentException("a sweep needs 2 to " + MAX_POINTS + " points, got " + points
                    + ": for example " + example(currentKind));
        }
        ValueKind kind = kindOf(current, fromText, toText);
        if (kind == null) {
            throw new IllegalArgumentException("'" + fromText + ".." + toText + "' is not written like the key's"
                    + " value '" + current + "' (" + currentKind.described() + "): for example "
                    + example(currentKind));
        }
        double from = kind.parse(written(kind, fromText));
        double to = kind.parse(written(kind, toText));
        if (from == to) {
            throw new IllegalArgumentException("the range " + fromText + ".." + toText + " is empty: FROM and TO"
                    + " are the same value; give a wider range");
        }
        if (from > to) {
            throw new IllegalArgumentException("the range " + fromText + ".." + toText + " runs backwards: write"
                    + " the lower value first, " + toText + ".." + fromText + ":" + points);
        }
        if (log && from <= 0) {
            throw new IllegalArgumentException("--log spaces points by equal ratios, so FROM must be above zero,"
                    + " got " + fromText);
        }
        boolean whole = kind != ValueKind.NUMBER || (isWhole(current) && isWhole(fromText) && isWhole(toText));
        List<String> values = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        MathContext digits = new MathContext(log ? 3 : 9);
        for (int i = 0; i < points; i++) {
            double f = (double) i / (points - 1);
            double v = i == points - 1 ? to : log ? from * Math.pow(to / from, f) : from + (to - from) * f;
            if (i > 0 && i < points - 1) {
                v = new BigDecimal(v).round(digits).doubleValue();
            }
            if (kind != ValueKind.RATE && (whole || kind != ValueKind.NUMBER)) {
                v = Math.rint(v);
            }
            String text = format(kind, v, whole);
            if (!seen.add(text)) {
                throw new IllegalArgumentException(points + " points from " + fromText + " to " + toText + " give "
                        + text + " twice once rounded (to whole " + unitOf(kind) + "): use fewer points or a wider"
                        + " range");
            }
            values.add(text);
            base.add(v);
        }
        return new SweepRange(kind, values, base);
    }

    /** The first kind that reads the key's value and both ends (a rate's ends may leave out {@code /s}). */
    private static ValueKind kindOf(String current, String from, String to) {
        for (ValueKind kind : ValueKind.values()) {
            if (kind.reads(current) && kind.reads(written(kind, from)) && kind.reads(written(kind, to))) {
                return kind;
            }
        }
        return null;
    }

    /** {@code 10k} is {@code 10k/s} for a rate, as the issue's {@code orders.stream.rate=10k..100k:10} writes it. */
    private static String written(ValueKind kind, String text) {
        return kind == ValueKind.RATE && !text.contains("/") ? text + "/s" : text;
    }

    private static boolean isWhole(String text) {
        return !text.contains(".");
    }

    private static String unitOf(ValueKind kind) {
        return switch (kind) {
            case NUMBER -> "numbers";
            case DURATION -> "nanoseconds";
            case RATE -> "requests per second, nine significant digits";
            case SIZE -> "bytes";
        };
    }

    private static String example(ValueKind kind) {
        return switch (kind) {
            case NUMBER -> "64..4096:7";
            case DURATION -> "20us..200us:10";
            case RATE -> "10k..100k:10";
            case SIZE -> "1KiB..64KiB:7";
        };
    }

    /** The value as text the scenario reads back exactly. */
    static String format(ValueKind kind, double value, boolean whole) {
        return switch (kind) {
            case NUMBER -> whole ? Long.toString((long) value) : plain(value);
            case DURATION -> io.crosskernel.api.Units.formatNanosExact((long) value);
            case RATE -> rate(value);
            case SIZE -> size((long) value);
        };
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String rate(double perSecond) {
        BigDecimal exact = new BigDecimal(Double.toString(perSecond));
        String[] suffixes = {"G", "M", "k"};
        BigDecimal[] scales = {BigDecimal.valueOf(1_000_000_000L), BigDecimal.valueOf(1_000_000L),
                BigDecimal.valueOf(1_000L)};
        for (int i = 0; i < suffixes.length; i++) {
            if (exact.compareTo(scales[i]) >= 0) {
                BigDecimal scaled = exact.divide(scales[i]).stripTrailingZeros();
                if (scaled.scale() <= 3) {
                    return scaled.toPlainString() + suffixes[i] + "/s";
                }
            }
        }
        return exact.stripTrailingZeros().toPlainString() + "/s";
    }

    private static String size(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        long[] scales = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= scales[i] && bytes % scales[i] == 0) {
                return bytes / scales[i] + units[i];
            }
        }
        return bytes + "B";
    }
}
