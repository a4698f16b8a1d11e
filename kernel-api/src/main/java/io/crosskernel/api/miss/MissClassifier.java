package io.crosskernel.api.miss;

import io.crosskernel.api.hiccup.Intervals;

/**
 * Gives a deadline miss exactly one {@link MissCause}: the first, in precedence order, whose evidence holds.
 *
 * <ol>
 *   <li>{@code collector}: GC pauses cover at least as much of {@code [busyFrom, finish]} as the miss was late by
 *       ({@code finish - deadline}): without them it would have met its deadline ({@code busyFrom} is the start of
 *       the kernel's busy period that held the job, or its release, see {@link Miss#busyFrom()});</li>
 *   <li>{@code platform}: hiccups of the worker(s) that handled it cover at least that much;</li>
 *   <li>{@code overrun}: its own execution exceeded its budget;</li>
 *   <li>{@code scheduling}: otherwise (the kernel ran, and ran other work first).</li>
 * </ol>
 *
 * <p>A pause anywhere between release and finish delays the finish, whether the job was waiting (it starts late) or
 * running (its measured execution stretches, which is also why a platform pause outranks an overrun: the overrun may
 * be the pause). A pause shorter than the lateness does not explain the miss, so it is not its cause.
 * docs/OBSERVABILITY.md explains the order. Stateless; runs on the host after the run.
 */
public final class MissClassifier {
    private MissClassifier() {
    }

    /**
     * @param collector GC pauses and safepoints on the kernel clock
     * @param hiccups   the hiccups of the workers whose pauses could have delayed this miss
     */
    public static MissCause classify(Miss miss, Intervals collector, Intervals hiccups) {
        return classify(miss.busyFrom(), miss.finish(), miss.deadline(), miss.overran(), collector, hiccups);
    }

    /**
     * As {@link #classify(Miss, Intervals, Intervals)}, from the miss's times and overrun flag.
     *
     * @param release  where the evidence window starts: the release, or the start of the busy period that held it
     * @param deadline the absolute deadline; {@code finish - deadline} is how late it was
     */
    public static MissCause classify(long release, long finish, long deadline, boolean overran, Intervals collector,
            Intervals hiccups) {
        long late = Math.max(1, finish - deadline);
        if (collector.coveredNanos(release, finish) >= late) {
            return MissCause.COLLECTOR;
        }
        if (hiccups.coveredNanos(release, finish) >= late) {
            return MissCause.PLATFORM;
        }
        if (overran) {
            return MissCause.OVERRUN;
        }
        return MissCause.SCHEDULING;
    }
}
