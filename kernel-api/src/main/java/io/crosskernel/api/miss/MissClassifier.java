package io.crosskernel.api.miss;

import io.crosskernel.api.hiccup.Intervals;

/**
 * Gives a deadline miss exactly one {@link MissCause}: the first, in precedence order, whose evidence holds.
 *
 * <ol>
 *   <li>{@code collector}: a GC pause or safepoint overlaps {@code [release, finish]};</li>
 *   <li>{@code platform}: a hiccup of the worker(s) that ran it overlaps {@code [release, finish]};</li>
 *   <li>{@code overrun}: its own execution exceeded its budget;</li>
 *   <li>{@code scheduling}: otherwise (the kernel ran, and ran other work first).</li>
 * </ol>
 *
 * <p>A pause anywhere between release and finish delays the finish, whether the job was waiting (it starts late) or
 * running (its measured execution stretches, which is also why a platform pause outranks an overrun: the overrun may
 * be the pause). docs/OBSERVABILITY.md explains the order. Stateless; runs on the host after the run.
 */
public final class MissClassifier {
    private MissClassifier() {
    }

    /**
     * @param collector GC pauses and safepoints on the kernel clock
     * @param hiccups   the hiccups of the workers whose pauses could have delayed this miss
     */
    public static MissCause classify(Miss miss, Intervals collector, Intervals hiccups) {
        return classify(miss.release(), miss.finish(), miss.overran(), collector, hiccups);
    }

    /** As {@link #classify(Miss, Intervals, Intervals)}, from the miss's window and overrun flag. */
    public static MissCause classify(long release, long finish, boolean overran, Intervals collector,
            Intervals hiccups) {
        if (collector.overlaps(release, finish)) {
            return MissCause.COLLECTOR;
        }
        if (hiccups.overlaps(release, finish)) {
            return MissCause.PLATFORM;
        }
        if (overran) {
            return MissCause.OVERRUN;
        }
        return MissCause.SCHEDULING;
    }
}
