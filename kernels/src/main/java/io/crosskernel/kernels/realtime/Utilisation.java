package io.crosskernel.kernels.realtime;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Σ C/T of a task set, compared with 1 exactly (in integers over the least common multiple of the periods) so that a
 * harmonic set at exactly 100% is not rejected, nor a set at 100.0000001% admitted, by floating-point rounding.
 */
final class Utilisation {
    private final double value;
    private final int comparedToOne;

    private Utilisation(double value, int comparedToOne) {
        this.value = value;
        this.comparedToOne = comparedToOne;
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
        return new Utilisation(value, numerator.compareTo(lcm));
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

    /** {@code 0.971 (97.1%)}. */
    String describe() {
        return String.format(Locale.ROOT, "%.3f (%.1f%%)", value, value * 100);
    }
}
