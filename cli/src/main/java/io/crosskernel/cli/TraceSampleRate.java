package io.crosskernel.cli;

/** Parses {@code --trace-sample}: a fraction ({@code 0.01}) or a percentage ({@code 1%}), above 0 and at most 1. */
final class TraceSampleRate {
    private TraceSampleRate() {
    }

    static double parse(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        double value;
        try {
            value = Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        double rate = percent ? value / 100 : value;
        if (!(rate > 0 && rate <= 1)) {
            throw invalid(text);
        }
        return rate;
    }

    /** @return the rate as a percentage without trailing zeros: {@code 1%}, {@code 0.25%} */
    static String format(double rate) {
        return new java.math.BigDecimal(Double.toString(rate * 100)).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString() + "%";
    }

    private static BadInputException invalid(String text) {
        return new BadInputException("--trace-sample must be a fraction above 0 and at most 1 (e.g. 0.01) or a "
                + "percentage (e.g. 1%), got '" + text + "'");
    }
}
