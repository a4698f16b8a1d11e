package io.crosskernel.kernels.realtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Σ C/T of a task set, compared with 1 exactly (in integers over the least common multiple of the periods) so that a
 * harmonic set at exactly 100% is not rejected, nor a set at 100.0000001% admitted, by floating-point rounding.
 */
final class Utilisation {
    /** Digits {@link #describe()} prints at least, and at most when more are needed to show the comparison. */
    private static final int MIN_DIGITS = 3;
    private static final int MAX_DIGITS = 40;

    private final double value;
    private final BigInteger numerator;
    private final BigInteger denominator;
    private final int comparedToOne;

    private Utilisation(double value, BigInteger numerator, BigInteger denominator) {
        this.value = value;
        this.numerator = numerator;
        this.denominator = denominator;
        this.comparedToOne = numerator.compareTo(denominator);
    }

    static Utilisation of(List<RtTask> tasks) {
        BigInteger lcm = BigInteger.ONE;
        double value = 0;
        for (RtTask t : tasks) {
            BigInteger period = BigInteger.valueOf(t.periodNanos());
            lcm = lcm.divide(lcm.gcd(period)).multiply(period);
            value += t.utilisation();
        }
        BigInteger numerator = BigInteger.ZERO;
        for (RtTask t : tasks) {
            numerator = numerator.add(
                    BigInteger.valueOf(t.costNanos()).multiply(lcm.divide(BigInteger.valueOf(t.periodNanos()))));
        }
        return new Utilisation(value, numerator, lcm);
    }

    double value() {
        return value;
    }

    boolean exceedsOne() {
        return comparedToOne > 0;
    }

    boolean isExactlyOne() {
        return comparedToOne == 0;
    }

    /**
     * {@code 0.971 (97.1%)}; with as many more digits as it takes to show how the value compares with 1, so a set
     * refused at 1.000001 reads {@code 1.000001 (100.0001%)}, never {@code 1.000 (100.0%)}.
     */
    String describe() {
        BigDecimal exact = new BigDecimal(numerator);
        BigDecimal total = new BigDecimal(denominator);
        for (int digits = MIN_DIGITS; ; digits++) {
            BigDecimal rounded = exact.divide(total, digits, RoundingMode.HALF_EVEN);
            if (rounded.compareTo(BigDecimal.ONE) == comparedToOne || digits == MAX_DIGITS) {
                BigDecimal percent = rounded.movePointRight(2).setScale(digits - 2, RoundingMode.HALF_EVEN);
                return String.format(Locale.ROOT, "%s (%s%%)", rounded.toPlainString(), percent.toPlainString());
            }
        }
    }
}
