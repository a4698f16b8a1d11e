package io.crosskernel.cli.html;

import java.util.Locale;

/** Number formats of the HTML report's axes and tables. Stateless. */
final class Format {
    private Format() {
    }

    /** A latency for people: {@code 850 ns}, {@code 12.5 µs}, {@code 3 ms}, {@code 1.2 s}. */
    static String latency(double nanos) {
        double abs = Math.abs(nanos);
        if (abs < 1e3) {
            return number(nanos) + " ns";
        }
        if (abs < 1e6) {
            return number(nanos / 1e3) + " µs";
        }
        if (abs < 1e9) {
            return number(nanos / 1e6) + " ms";
        }
        return number(nanos / 1e9) + " s";
    }

    /** A rate per second: {@code 950/s}, {@code 12k/s}, {@code 1.5M/s}. */
    static String rate(double perSecond) {
        double abs = Math.abs(perSecond);
        if (abs >= 1e9) {
            return number(perSecond / 1e9) + "G/s";
        }
        if (abs >= 1e6) {
            return number(perSecond / 1e6) + "M/s";
        }
        if (abs >= 1e3) {
            return number(perSecond / 1e3) + "k/s";
        }
        return number(perSecond) + "/s";
    }

    /** Up to three significant figures, no trailing zeros: {@code 12.5}, {@code 100}, {@code 0.25}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        String text = String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f"
                : "%.2f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }

    /** An SVG coordinate: one decimal is well below a pixel. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
