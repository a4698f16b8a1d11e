package io.crosskernel.api.hiccup;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of closed time intervals {@code [start, end]} on one clock (nanoseconds), kept merged (overlapping
 * or touching intervals become one), answering how much of a given interval they cover. Built off the hot path (the
 * host, after a run).
 *
 * <p>Thread-safe (immutable).
 */
public final class Intervals {
    public static final Intervals NONE = new Intervals(new long[0], new long[0]);

    /** Sorted, disjoint: starts[i] > ends[i - 1]. */
    private final long[] starts;
    private final long[] ends;

    private Intervals(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /**
     * The intervals {@code [from[i], to[i]]}, in any order, merged.
     *
     * @throws IllegalArgumentException if the arrays differ in length or an interval ends before it starts
     */
    public static Intervals of(long[] from, long[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(from.length + " starts for " + to.length + " ends");
        }
        Integer[] order = new Integer[from.length];
        for (int i = 0; i < order.length; i++) {
            if (to[i] < from[i]) {
                throw new IllegalArgumentException("interval " + i + " ends (" + to[i] + ") before it starts ("
                        + from[i] + ")");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> from[i]));
        long[] s = new long[order.length];
        long[] e = new long[order.length];
        int n = 0;
        for (Integer i : order) {
            if (n > 0 && from[i] <= e[n - 1]) {
                e[n - 1] = Math.max(e[n - 1], to[i]);
            } else {
                s[n] = from[i];
                e[n] = to[i];
                n++;
            }
        }
        return new Intervals(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
    }

    /** The union of several sets (say, the hiccups of every worker a request passed). */
    public static Intervals union(List<Intervals> sets) {
        int n = sets.stream().mapToInt(Intervals::size).sum();
        long[] s = new long[n];
        long[] e = new long[n];
        int at = 0;
        for (Intervals set : sets) {
            System.arraycopy(set.starts, 0, s, at, set.size());
            System.arraycopy(set.ends, 0, e, at, set.size());
            at += set.size();
        }
        return of(s, e);
    }

    /** Whether some interval shares at least one instant with {@code [from, to]}. */
    public boolean overlaps(long from, long to) {
        int i = firstEndingAtOrAfter(from);
        return i < starts.length && starts[i] <= to;
    }

    /** How many nanoseconds of {@code [from, to]} the intervals cover. */
    public long coveredNanos(long from, long to) {
        long covered = 0;
        for (int i = firstEndingAtOrAfter(from); i < starts.length && starts[i] <= to; i++) {
            covered += Math.min(ends[i], to) - Math.max(starts[i], from);
        }
        return covered;
    }

    /** The index of the first interval whose end is at or after {@code t} (ends are sorted: intervals are disjoint). */
    private int firstEndingAtOrAfter(long t) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Intervals after merging. */
    public int size() {
        return starts.length;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return ends[i];
    }
}
