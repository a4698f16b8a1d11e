package io.crosskernel.hypervisor.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Checks a kernel's {@link io.crosskernel.api.Kernel#stats() figures} against the contract that makes them a
 * structured part of the JSON report, and copies them into the report's immutable form.
 *
 * <p>The contract: keys are camelCase names ({@code ringDrops}, {@code latenessNanos}); a figure with a unit ends
 * with it ({@code Nanos}, {@code Bytes}, {@code PerSecond}); values are strings (names, modes, messages: never a
 * figure that exists only there), booleans, whole or finite decimal numbers, null (does not apply), lists and maps of
 * such values, and latency distributions: an HdrHistogram {@link Histogram} of nanoseconds under a key ending in
 * {@code Nanos}, which becomes a {@link LatencySummary} (count, min, percentiles, max, mean). Whole numbers become
 * {@code Long}, decimals {@code Double}; insertion order is kept (it is the print order).
 *
 * <p>Stateless; any thread. Runs on the host thread after the workers stopped, so it may allocate.
 */
public final class KernelDetails {
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    private KernelDetails() {
    }

    /**
     * The figures as the report keeps them: validated, normalised and unmodifiable (at every level).
     *
     * @throws IllegalArgumentException naming the first figure that breaks the contract and how
     */
    public static Map<String, Object> of(Map<String, ?> figures) {
        return map(figures, "");
    }

    private static Map<String, Object> map(Map<?, ?> figures, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : figures.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !NAME.matcher(key).matches()) {
                throw new IllegalArgumentException("figure '" + path + entry.getKey()
                        + "' is not a camelCase name (letters and digits, starting with a lower-case letter)");
            }
            copy.put(key, value(entry.getValue(), path + key, key));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** @param name the key that holds the value, or the list's key for a list element (it carries the unit) */
    private static Object value(Object value, String path, String name) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof LatencySummary) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("figure '" + path + "' is " + d + ": JSON has no such number");
            }
            return d;
        }
        if (value instanceof Histogram histogram) {
            if (!name.endsWith("Nanos")) {
                throw new IllegalArgumentException("figure '" + path
                        + "' is a latency histogram: its name must end with Nanos");
            }
            return LatencySummary.of(histogram);
        }
        if (value instanceof Map<?, ?> nested) {
            return map(nested, path + ".");
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                copy.add(value(item, path + "[" + i++ + "]", name));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("figure '" + path + "' is a " + value.getClass().getSimpleName()
                + ": use a number, boolean, string, list, map or latency histogram");
    }
}
