package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedulability of EDF on one core, by the processor-demand criterion.
 *
 * <p>The demand bound {@code h(t) = Σ max(0, floor((t - D_i) / T_i) + 1) C_i} is the work of all jobs released at or
 * after 0 with a deadline at or before t.
 *
 * <p>Preemptive: exact. With every {@code D_i >= T_i}, {@code U <= 1} decides. Otherwise {@code U <= 1} and
 * {@code h(t) <= t} at every absolute deadline t below a bound L (the smaller of the synchronous busy period and
 * Baruah's La), checked with Zhang &amp; Burns' Quick Processor-demand Analysis (QPA, 2009), which visits only a few
 * of those deadlines.
 *
 * <p>Non-preemptive: the test of George, Rivierre &amp; Spuri (1996), which for D = T is Jeffay, Stanat &amp;
 * Martel's (1991): {@code U <= 1} and, at every absolute deadline t up to L,
 * {@code h(t) + max{C_j - 1 : D_j > t} <= t}; the second term is the job with a later deadline that started one
 * nanosecond before the critical instant and cannot be interrupted. Exact for sporadic tasks in integral time for the
 * non-idling dispatcher we run; sufficient for periodic tasks with any offsets. L here is the synchronous busy period
 * including that blocking job, a bound at least as large as the one in the paper (checking more points is
 * conservative). At exactly 100% utilisation with blocking that busy period never closes, so we check up to the
 * hyperperiod plus the largest deadline: exact for periodic tasks, not proven for sporadic ones at exactly 100%.
 *
 * <p>Every visited point costs O(n); the analysis rejects a set needing more than {@link #MAX_POINTS} points rather
 * than run for long.
 *
 * <p>Stateless and thread-safe; allocates (configuration time only).
 */
final class EdfAnalysis {
    static final long MAX_POINTS = 5_000_000;

    private EdfAnalysis() {
    }

    static AdmissionResult analyse(List<RtTask> tasks, Preemption preemption, Utilisation u) {
        String head = "earliest-deadline-first (" + preemption.label() + "): utilisation " + u.describe();
        boolean np = preemption == Preemption.NON_PREEMPTIVE;
        boolean implicitOrLonger = tasks.stream().allMatch(t -> t.deadlineNanos() >= t.periodNanos());
        if (!np && implicitOrLonger) {
            return result(tasks, null, "schedulable under " + head + " <= 1");
        }
        long bound = np ? nonPreemptiveBound(tasks, u) : preemptiveBound(tasks, u);
        if (bound < 0 || pointCount(tasks, bound) > MAX_POINTS) {
            return result(tasks, "", "unschedulable under " + head + "; the analysis would have to check more"
                    + " than " + MAX_POINTS + " deadlines (periods too far apart), so the set is refused");
        }
        long violation = np ? firstNonPreemptiveViolation(tasks, bound) : qpaViolation(tasks, bound);
        if (violation < 0) {
            return result(tasks, null, "schedulable under " + head);
        }
        RtTask due = taskWithDeadlineAt(tasks, violation);
        long blocking = np ? blocking(tasks, violation) : 0;
        long demandAt = demand(tasks, violation);
        // The blocking is printed against what is left of t, so "2ms plus 3ms exceeds 5ms" cannot appear.
        String demand = "demand " + Units.formatNanosAgainst(demandAt, violation) + (blocking > 0 ? " plus "
                + Units.formatNanosAgainst(blocking, violation - demandAt) + " blocking by a later-deadline job" : "");
        return result(tasks, due.name(), "unschedulable under " + head + "; " + demand + " exceeds "
                + Units.formatNanos(violation) + " at t=" + Units.formatNanos(violation) + ", a deadline of task "
                + due.describe());
    }

    /** Zhang &amp; Burns (2009), Theorem 5: returns the violated deadline, or -1 if h(t) <= t everywhere below L. */
    private static long qpaViolation(List<RtTask> tasks, long bound) {
        long dMin = tasks.stream().mapToLong(RtTask::deadlineNanos).min().orElseThrow();
        long t = lastDeadlineBefore(tasks, bound + 1);
        long h = demand(tasks, t);
        while (h <= t && h > dMin) {
            t = h < t ? h : lastDeadlineBefore(tasks, t);
            h = demand(tasks, t);
        }
        return h <= dMin ? -1 : lastDeadlineBefore(tasks, t + 1);
    }

    private static long firstNonPreemptiveViolation(List<RtTask> tasks, long bound) {
        long first = -1;
        for (RtTask task : tasks) {
            for (long t = task.deadlineNanos(); t <= bound && (first < 0 || t < first); t += task.periodNanos()) {
                if (demand(tasks, t) + blocking(tasks, t) > t) {
                    first = t;
                }
            }
        }
        return first;
    }

    /** h(t). */
    static long demand(List<RtTask> tasks, long t) {
        long sum = 0;
        for (RtTask task : tasks) {
            if (t >= task.deadlineNanos()) {
                sum += ((t - task.deadlineNanos()) / task.periodNanos() + 1) * task.costNanos();
            }
        }
        return sum;
    }

    /** The longest job, less one nanosecond, of a task whose deadline is after t: it may have started just before. */
    private static long blocking(List<RtTask> tasks, long t) {
        long b = 0;
        for (RtTask task : tasks) {
            if (task.deadlineNanos() > t) {
                b = Math.max(b, task.costNanos() - 1);
            }
        }
        return b;
    }

    /** The largest absolute deadline strictly before t, or -1. */
    private static long lastDeadlineBefore(List<RtTask> tasks, long t) {
        long last = -1;
        for (RtTask task : tasks) {
            if (t > task.deadlineNanos()) {
                last = Math.max(last,
                        task.deadlineNanos() + (t - 1 - task.deadlineNanos()) / task.periodNanos() * task.periodNanos());
            }
        }
        return last;
    }

    private static long preemptiveBound(List<RtTask> tasks, Utilisation u) {
        long busy = busyPeriod(tasks, 0);
        if (u.isExactlyOne()) {
            return busy;
        }
        double la = 0;
        long dMax = 0;
        for (RtTask t : tasks) {
            la += (t.periodNanos() - t.deadlineNanos()) * t.utilisation();
            dMax = Math.max(dMax, t.deadlineNanos());
        }
        // +1 absorbs floating-point rounding: a larger bound only checks more points.
        long baruah = Math.max(dMax, (long) Math.ceil(la / (1 - u.value())) + 1);
        return busy < 0 ? baruah : Math.min(busy, baruah);
    }

    private static long nonPreemptiveBound(List<RtTask> tasks, Utilisation u) {
        long maxBlocking = tasks.stream().mapToLong(t -> t.costNanos() - 1).max().orElse(0);
        if (!u.isExactlyOne() || maxBlocking == 0) {
            return busyPeriod(tasks, maxBlocking);
        }
        long hyperperiod = 1;
        long dMax = 0;
        for (RtTask t : tasks) {
            long g = gcd(hyperperiod, t.periodNanos());
            if (hyperperiod / g > Long.MAX_VALUE / 4 / t.periodNanos()) {
                return -1;
            }
            hyperperiod = hyperperiod / g * t.periodNanos();
            dMax = Math.max(dMax, t.deadlineNanos());
        }
        return hyperperiod + dMax;
    }

    /** Least fixpoint of {@code w = blocking + Σ ceil(w / T_i) C_i}, or -1 if not found quickly. */
    private static long busyPeriod(List<RtTask> tasks, long blocking) {
        long w = blocking;
        for (RtTask t : tasks) {
            w += t.costNanos();
        }
        for (long step = 0; step < MAX_POINTS; step++) {
            long next = blocking;
            for (RtTask t : tasks) {
                next += FixedPriorityAnalysis.ceilDiv(w, t.periodNanos()) * t.costNanos();
            }
            if (next == w) {
                return w;
            }
            w = next;
        }
        return -1;
    }

    private static long pointCount(List<RtTask> tasks, long bound) {
        long count = 0;
        for (RtTask t : tasks) {
            count += bound / t.periodNanos() + 1;
        }
        return count;
    }

    private static RtTask taskWithDeadlineAt(List<RtTask> tasks, long t) {
        for (RtTask task : tasks) {
            if (t >= task.deadlineNanos() && (t - task.deadlineNanos()) % task.periodNanos() == 0) {
                return task;
            }
        }
        throw new IllegalStateException("no deadline at " + t);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** {@code failing} null: schedulable; empty: no single task to blame. */
    private static AdmissionResult result(List<RtTask> tasks, String failing, String message) {
        List<TaskVerdict> verdicts = new ArrayList<>(tasks.size());
        for (RtTask t : tasks) {
            verdicts.add(new TaskVerdict(t.name(), -1, t.deadlineNanos(), failing == null || !t.name().equals(failing)));
        }
        boolean ok = failing == null;
        return new AdmissionResult(ok, Utilisation.of(tasks).value(), verdicts,
                ok || failing.isEmpty() ? null : failing, message);
    }
}
