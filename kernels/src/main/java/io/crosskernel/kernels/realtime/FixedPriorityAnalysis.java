package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Units;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Response-time analysis for fixed priorities (RM, DM) on one core, with arbitrary deadlines.
 *
 * <p>Preemptive: Joseph &amp; Pandya's recurrence extended over the level-i busy period (Lehoczky 1990), so that
 * deadlines longer than the period are handled: job q of task i (q = 0, 1, ...) finishes at the least fixpoint of
 * {@code w = (q+1) C_i + Σ_{j in hp(i)} ceil(w / T_j) C_j}, and its response time is {@code w - q T_i}. With D ≤ T
 * this reduces to the textbook {@code R_i = C_i + Σ ceil(R_i / T_j) C_j}.
 *
 * <p>Non-preemptive: the revised analysis of Davis, Burns, Bril &amp; Lukkien (2007, "Controller Area Network
 * schedulability analysis: refuted, revisited and revised"). Task i can be blocked by one lower-priority job that
 * started just before its release: {@code B_i = max_{j in lp(i)} C_j - 1} (time is integral nanoseconds, and a job
 * released at the same instant as a lower-priority one wins). Job q starts at the least fixpoint of
 * {@code s = B_i + q C_i + Σ_{j in hp(i)} (floor(s / T_j) + 1) C_j} (higher-priority jobs released up to and
 * including the start instant go first) and its response time is {@code s + C_i - q T_i}. Every job in the level-i
 * busy period {@code t = B_i + Σ_{j in hep(i)} ceil(t / T_j) C_j} is checked, because under non-preemption a later
 * job can fare worse than the first (the flaw the paper corrects).
 *
 * <p>Both are exact for sporadic tasks released synchronously; offsets are ignored (the synchronous release is the
 * worst case, so the test stays sufficient for periodic tasks with offsets).
 *
 * <p>Stateless and thread-safe; allocates (configuration time only).
 */
final class FixedPriorityAnalysis {
    /** Beyond this many jobs in one busy period, or iterations of one recurrence, the analysis gives up (rejects). */
    static final long MAX_STEPS = 2_000_000;

    private FixedPriorityAnalysis() {
    }

    static AdmissionResult analyse(List<RtTask> tasks, RtPolicy policy, Preemption preemption, Utilisation u) {
        int n = tasks.size();
        int[] order = PriorityOrder.highestFirst(tasks, policy);
        long[] wcrt = new long[n];
        long[] blocking = new long[n];
        String failing = null;
        int failingIndex = -1;
        for (int p = 0; p < n; p++) {
            int i = order[p];
            int[] hp = Arrays.copyOfRange(order, 0, p);
            long b = 0;
            if (preemption == Preemption.NON_PREEMPTIVE) {
                for (int q = p + 1; q < n; q++) {
                    b = Math.max(b, tasks.get(order[q]).costNanos() - 1);
                }
            }
            blocking[i] = b;
            wcrt[i] = responseTime(tasks, i, hp, b, preemption);
            if (wcrt[i] > tasks.get(i).deadlineNanos() && failing == null) {
                failing = tasks.get(i).name();
                failingIndex = i;
            }
        }
        List<TaskVerdict> verdicts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RtTask t = tasks.get(i);
            verdicts.add(new TaskVerdict(t.name(), wcrt[i], t.deadlineNanos(), wcrt[i] <= t.deadlineNanos()));
        }
        String head = policy.displayName() + " (" + preemption.label() + "): utilisation " + u.describe();
        if (failing == null) {
            return new AdmissionResult(true, u.value(), verdicts, null, "schedulable under " + head);
        }
        RtTask t = tasks.get(failingIndex);
        String why = wcrt[failingIndex] == Long.MAX_VALUE
                ? "task " + t.describe() + " has a worst-case response time the analysis could not bound"
                + " within " + MAX_STEPS + " steps"
                : "task " + t.describe() + " has worst-case response time "
                + Units.formatNanosAgainst(wcrt[failingIndex], t.deadlineNanos())
                + " > deadline " + Units.formatNanosAgainst(t.deadlineNanos(), wcrt[failingIndex]);
        if (blocking[failingIndex] > 0) {
            why += " (including " + Units.formatNanos(blocking[failingIndex])
                    + " blocking by a lower-priority job that runs to completion)";
        }
        return new AdmissionResult(false, u.value(), verdicts, failing, "unschedulable under " + head + "; " + why);
    }

    /**
     * The worst response time over the jobs of task {@code i} in its level-i busy period, or {@link Long#MAX_VALUE}
     * if the busy period or a recurrence does not close within {@link #MAX_STEPS} (the caller has already rejected
     * sets above 100% utilisation, for which they never close).
     */
    static long responseTime(List<RtTask> tasks, int i, int[] hp, long blocking, Preemption preemption) {
        RtTask task = tasks.get(i);
        long busy = busyPeriod(tasks, i, hp, blocking);
        if (busy < 0) {
            return Long.MAX_VALUE;
        }
        long jobs = ceilDiv(busy, task.periodNanos());
        if (jobs > MAX_STEPS) {
            return Long.MAX_VALUE;
        }
        long worst = 0;
        for (long q = 0; q < jobs; q++) {
            long end = preemption == Preemption.PREEMPTIVE
                    ? preemptiveFinish(tasks, task, hp, q)
                    : nonPreemptiveStart(tasks, task, hp, blocking, q);
            if (end < 0) {
                return Long.MAX_VALUE;
            }
            if (preemption == Preemption.NON_PREEMPTIVE) {
                end += task.costNanos();
            }
            worst = Math.max(worst, end - q * task.periodNanos());
        }
        return worst;
    }

    /** Finish time of job q, or -1 if the recurrence does not converge. */
    private static long preemptiveFinish(List<RtTask> tasks, RtTask task, int[] hp, long q) {
        long w = (q + 1) * task.costNanos();
        for (long step = 0; step < MAX_STEPS; step++) {
            long next = (q + 1) * task.costNanos();
            for (int j : hp) {
                RtTask h = tasks.get(j);
                next += ceilDiv(w, h.periodNanos()) * h.costNanos();
            }
            if (next == w) {
                return next;
            }
            w = next;
        }
        return -1;
    }

    /** Start time of job q, or -1 if the recurrence does not converge. */
    private static long nonPreemptiveStart(List<RtTask> tasks, RtTask task, int[] hp, long blocking, long q) {
        long s = blocking + q * task.costNanos();
        for (long step = 0; step < MAX_STEPS; step++) {
            long next = blocking + q * task.costNanos();
            for (int j : hp) {
                RtTask h = tasks.get(j);
                next += (s / h.periodNanos() + 1) * h.costNanos();
            }
            if (next == s) {
                return next;
            }
            s = next;
        }
        return -1;
    }

    /** Length of the level-i busy period (blocking plus all work of priority ≥ i), or -1 if it does not close. */
    private static long busyPeriod(List<RtTask> tasks, int i, int[] hp, long blocking) {
        long t = blocking + tasks.get(i).costNanos();
        for (int j : hp) {
            t += tasks.get(j).costNanos();
        }
        for (long step = 0; step < MAX_STEPS; step++) {
            long next = blocking + ceilDiv(t, tasks.get(i).periodNanos()) * tasks.get(i).costNanos();
            for (int j : hp) {
                next += ceilDiv(t, tasks.get(j).periodNanos()) * tasks.get(j).costNanos();
            }
            if (next == t) {
                return t;
            }
            t = next;
        }
        return -1;
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
