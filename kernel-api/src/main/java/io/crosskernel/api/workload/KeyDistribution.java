package io.crosskernel.api.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** How a keyed workload ({@code kv:}) draws its keys: see {@link KeyWorkload#key(long)}. */
public enum KeyDistribution {
    /** Every key equally likely, drawn from a hash of the request's sequence number. */
    UNIFORM,
    /** Key {@code sequence mod keys}: 0, 1, 2, ... and round again. */
    SEQUENTIAL,
    /** Zipf's law with exponent {@code skew} (0 &lt; skew &lt; 1): key 0 the hottest, then 1, 2, ... */
    ZIPFIAN;

    /** Every label a scenario may write, in declaration order. */
    public static final List<String> LABELS;

    static {
        List<String> labels = new ArrayList<>();
        for (KeyDistribution d : values()) {
            labels.add(d.label());
        }
        LABELS = Collections.unmodifiableList(labels);
    }

    /** The name a scenario writes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the labels accepted */
    public static KeyDistribution fromLabel(String label) {
        for (KeyDistribution d : values()) {
            if (d.label().equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown key distribution '" + label + "': use one of " + LABELS);
    }

    @Override
    public String toString() {
        return label();
    }
}
