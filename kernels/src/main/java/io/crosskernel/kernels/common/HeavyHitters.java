package io.crosskernel.kernels.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The hottest keys of a stream, in bounded memory: the Space-Saving sketch (Metwally, Agrawal and El Abbadi,
 * "Efficient Computation of Frequent and Top-k Elements in Data Streams", ICDT 2005), not a map of every key.
 *
 * <p>It keeps {@code capacity} counters. A key already counted gets +1; a new key takes a free counter, or else the
 * counter with the smallest count, inheriting that count as its overestimate ({@link Entry#error()}). Any key seen
 * more than {@code n / capacity} times of {@code n} is guaranteed to hold a counter, and a counter's count is at most
 * its {@code error} above the key's true count.
 *
 * <p>Threading: single writer ({@link #record} from the kernel's worker); {@link #top} on the host thread after the
 * worker stopped. {@link #record} allocates nothing: a linear scan of {@code capacity} longs (small by design).
 */
public final class HeavyHitters {
    /** Counters kept by default: the top 10 of them are reported. */
    public static final int DEFAULT_CAPACITY = 32;

    private final long[] keys;
    private final long[] counts;
    private final long[] errors;
    private int used;
    private long total;

    public HeavyHitters(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        keys = new long[capacity];
        counts = new long[capacity];
        errors = new long[capacity];
    }

    /** Counts one occurrence of {@code key}. */
    public void record(long key) {
        total++;
        int min = 0;
        for (int i = 0; i < used; i++) {
            if (keys[i] == key) {
                counts[i]++;
                return;
            }
            if (counts[i] < counts[min]) {
                min = i;
            }
        }
        if (used < keys.length) {
            keys[used] = key;
            counts[used] = 1;
            errors[used] = 0;
            used++;
            return;
        }
        errors[min] = counts[min];
        keys[min] = key;
        counts[min]++;
    }

    /** Occurrences recorded in all. */
    public long total() {
        return total;
    }

    /** One counted key: its count (at most {@code error} above the true count) and that overestimate bound. */
    public record Entry(long key, long count, long error) {
    }

    /** The {@code n} highest counters, highest first (ties: the smaller key first). Allocates: host thread. */
    public List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(used);
        for (int i = 0; i < used; i++) {
            all.add(new Entry(keys[i], counts[i], errors[i]));
        }
        all.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : Long.compare(a.key(),
                b.key()));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
