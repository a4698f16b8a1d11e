package io.crosskernel.api.hiccup;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of closed time intervals {@code [start, end]} on one clock (nanoseconds), answering whether any
 * of them overlaps a given interval in O(log n). Built off the hot path (the host, after a run).
 *
 * <p>Thread-safe (immutable).
 */
public final class Intervals {
    public static final Intervals NONE = new Intervals(new long[0], new long[0]);

    /** Sorted by start. */
    private final long[] starts;
    /** ends[i] belongs to starts[i]. */
    private final long[] ends;
    /** maxEnd[i]: the largest end among intervals 0..i, so one binary search answers an overlap query. */
    private final long[] maxEnd;

    private Intervals(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
        this.maxEnd = new long[starts.length];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < starts.length; i++) {
            max = Math.max(max, ends[i]);
            maxEnd[i] = max;
        }
    }

    /**
     * The intervals {@code [from[i], to[i]]}, in any order.
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
        for (int i = 0; i < order.length; i++) {
            s[i] = from[order[i]];
            e[i] = to[order[i]];
        }
        return new Intervals(s, e);
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
        // The last interval starting at or before 'to'; an overlap exists iff some interval up to it ends at or
        // after 'from', i.e. the running maximum of the ends there does.
        int lo = 0;
        int hi = starts.length - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= to) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && maxEnd[last] >= from;
    }

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
