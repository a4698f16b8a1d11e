package io.crosskernel.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The median, smallest and largest of a set of per-round figures (ratios, rates), and the figures themselves in round
 * order. Benchmarks here measure in rounds because on a shared VM the cost of one cache-line transfer changes
 * several-fold from one minute to the next (the hypervisor moves the vCPUs): a ratio of two figures taken seconds
 * apart in the same round sees the same machine, and the median over rounds ignores the rounds where the machine
 * changed in between. Immutable.
 */
public record Spread(double median, double min, double max, double[] perRound) {
    /** The ratios {@code values[i] / bases[i]}; a round whose base is not positive (nothing measured) is left out. */
    public static Spread ofRatios(double[] values, double[] bases) {
        double[] ratios = new double[Math.min(values.length, bases.length)];
        int n = 0;
        for (int i = 0; i < ratios.length; i++) {
            if (bases[i] > 0 && Double.isFinite(values[i])) {
                ratios[n++] = values[i] / bases[i];
            }
        }
        return of(Arrays.copyOf(ratios, n));
    }

    /** The spread of {@code values} (kept in the given order); NaN everywhere when there are none. */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, values);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], values.clone());
    }

    /** {@code 1.12x [1.05-1.30]}, or the median alone when there was one round. */
    public String ratioText() {
        if (perRound.length <= 1) {
            return String.format(Locale.ROOT, "%.2fx", median);
        }
        return String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", median, min, max);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("median", median);
        json.put("min", min);
        json.put("max", max);
        json.put("perRound", Arrays.stream(perRound).boxed().toList());
        return json;
    }
}
