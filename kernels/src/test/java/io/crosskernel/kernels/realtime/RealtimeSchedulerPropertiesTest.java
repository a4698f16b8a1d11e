package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The analysis and the dispatcher checked against each other in virtual time: whatever admission control admits,
 * the run-to-completion dispatcher runs without a deadline miss, for any generated task set near the edge of what is
 * admitted, any offsets and any actual job costs at or below the budgets.
 */
class RealtimeSchedulerPropertiesTest {
    private static final long MS = 1_000_000;

    @Provide
    Arbitrary<Integer> periodMs() {
        return Arbitraries.of(1, 2, 4, 5, 8, 10, 20);
    }

    @Property(tries = 250)
    void edfAdmittedSetsNeverMissUnderVirtualTime(
            @ForAll @Size(min = 2, max = 5) List<@From("periodMs") Integer> periods, @ForAll long seed) {
        Random random = new Random(seed);
        List<RtTask> tasks = largestAdmitted(periods, random, RtPolicy.EDF);
        assertThat(SchedulabilityAnalysis.admit(tasks, RtPolicy.EDF).schedulable()).isTrue();
        RealtimeScheduler s = simulate(tasks, RtPolicy.EDF, random, false);
        assertNoMisses(s);
    }

    @Property(tries = 250)
    void fixedPriorityAdmittedSetsNeverMissAndStayWithinTheirWcrt(
            @ForAll @Size(min = 2, max = 5) List<@From("periodMs") Integer> periods, @ForAll long seed) {
        Random random = new Random(seed);
        RtPolicy policy = random.nextBoolean() ? RtPolicy.RM : RtPolicy.DM;
        List<RtTask> tasks = largestAdmitted(periods, random, policy);
        AdmissionResult admitted = SchedulabilityAnalysis.admit(tasks, policy);
        RealtimeScheduler s = simulate(tasks, policy, random, false);
        assertNoMisses(s);
        for (int i = 0; i < tasks.size(); i++) {
            assertThat(s.metrics(i).responseMaxNanos()).as(tasks.get(i).name())
                    .isLessThanOrEqualTo(admitted.tasks().get(i).wcrtNanos());
        }
    }

    @Property(tries = 100)
    void setsAboveFullUtilisationMissUnderSimulation(
            @ForAll @Size(min = 2, max = 5) List<@From("periodMs") Integer> periods, @ForAll long seed) {
        Random random = new Random(seed);
        double target = 1.02 + random.nextDouble() * 0.5;
        // Synchronous release (no offsets): the demand of the jobs due by the end of the run then exceeds the time
        // available, so some job must miss or still be waiting when the run ends. With offsets, an overload can hide
        // in jobs whose deadlines fall after the end.
        List<RtTask> tasks = build(periods, weights(periods.size(), random), target, new long[periods.size()]);
        RtPolicy policy = RtPolicy.values()[random.nextInt(3)];
        assertThat(SchedulabilityAnalysis.analyse(tasks, policy, Preemption.NON_PREEMPTIVE).schedulable()).isFalse();
        RealtimeScheduler s = simulate(tasks, policy, random, true);
        long overdue = 0;
        long misses = 0;
        for (int i = 0; i < tasks.size(); i++) {
            misses += s.metrics(i).deadlineMisses.get();
            overdue += s.oldestReadyDeadline(i) <= endOfRun(tasks) ? 1 : 0;
        }
        assertThat(misses + overdue).isPositive();
    }

    /** QPA visits few deadlines; it must agree with checking every deadline up to hyperperiod + largest deadline. */
    @Property(tries = 400)
    void qpaAgreesWithCheckingEveryDeadline(
            @ForAll @Size(min = 1, max = 5) List<@From("periodMs") Integer> periods, @ForAll long seed) {
        Random random = new Random(seed);
        List<RtTask> tasks = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            long t = periods.get(i) * 1000L; // microsecond-scale integers keep the brute force quick
            long c = 1 + random.nextInt((int) (t / periods.size()));
            long d = c + (long) (random.nextDouble() * (t - c + 1));
            tasks.add(RtTask.periodic("t" + i, t, c, Math.max(c, Math.min(t, d))));
        }
        boolean qpa = SchedulabilityAnalysis.analyse(tasks, RtPolicy.EDF, Preemption.PREEMPTIVE).schedulable();
        assertThat(qpa).isEqualTo(bruteForceEdf(tasks));
    }

    @Property(tries = 400)
    void rateMonotonicAdmitsEverySetUnderTheLiuLaylandBound(
            @ForAll @Size(min = 1, max = 6) List<@From("periodMs") Integer> periods, @ForAll long seed) {
        Random random = new Random(seed);
        int n = periods.size();
        double bound = n * (Math.pow(2, 1.0 / n) - 1);
        List<RtTask> tasks = build(periods, weights(n, random), bound * random.nextDouble(), new long[n]);
        assertThat(SchedulabilityAnalysis.analyse(tasks, RtPolicy.RM, Preemption.PREEMPTIVE).schedulable()).isTrue();
    }

    // ---- helpers ----

    /** Scales random cost shares up to (within 0.1%) the largest utilisation the analysis still admits. */
    private static List<RtTask> largestAdmitted(List<Integer> periods, Random random, RtPolicy policy) {
        double[] w = weights(periods.size(), random);
        long[] offsets = offsets(periods, random);
        double lo = 0;
        double hi = 1;
        while (hi - lo > 0.001) {
            double mid = (lo + hi) / 2;
            if (SchedulabilityAnalysis.analyse(build(periods, w, mid, offsets), policy, Preemption.NON_PREEMPTIVE)
                    .schedulable()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return build(periods, w, lo, offsets);
    }

    private static double[] weights(int n, Random random) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.05 + random.nextDouble();
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static long[] offsets(List<Integer> periods, Random random) {
        long[] offsets = new long[periods.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = random.nextInt(3) == 0 ? 0 : (long) (random.nextDouble() * periods.get(i) * MS);
        }
        return offsets;
    }

    private static List<RtTask> build(List<Integer> periods, double[] w, double utilisation, long[] offsets) {
        List<RtTask> tasks = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            long t = periods.get(i) * MS;
            long c = Math.max(1, (long) (utilisation * w[i] * t));
            tasks.add(RtTask.periodic("t" + i, t, c).withOffset(offsets[i]));
        }
        return tasks;
    }

    private static long hyperperiod(List<RtTask> tasks) {
        long h = 1;
        for (RtTask t : tasks) {
            h = h / gcd(h, t.periodNanos()) * t.periodNanos();
        }
        return h;
    }

    private static long endOfRun(List<RtTask> tasks) {
        return tasks.stream().mapToLong(RtTask::offsetNanos).max().orElse(0) + 2 * hyperperiod(tasks);
    }

    /** Runs two hyperperiods after the last first release; actual costs at the budget or, half the time, below. */
    private static RealtimeScheduler simulate(List<RtTask> tasks, RtPolicy policy, Random random, boolean atBudget) {
        ManualClock clock = new ManualClock(0);
        ClockAdvancingBody body = new ClockAdvancingBody(clock, (i, seq) -> {
            long budget = tasks.get(i).costNanos();
            return atBudget || random.nextBoolean() ? budget : 1 + (long) (random.nextDouble() * budget);
        }, 0);
        RealtimeScheduler s = new RealtimeScheduler(tasks, policy, clock, body, RtSchedulerConfig.DEFAULT);
        s.start(0);
        VirtualTime.runUntil(s, clock, endOfRun(tasks));
        return s;
    }

    private static void assertNoMisses(RealtimeScheduler s) {
        for (int i = 0; i < s.taskCount(); i++) {
            assertThat(s.metrics(i).deadlineMisses.get()).as("misses of %s", s.task(i)).isZero();
            assertThat(s.metrics(i).completed.get()).as("jobs of %s", s.task(i)).isPositive();
            assertThat(s.metrics(i).budgetOverruns.get()).isZero();
        }
    }

    private static boolean bruteForceEdf(List<RtTask> tasks) {
        long total = 0;
        long lcm = hyperperiod(tasks);
        for (RtTask t : tasks) {
            total += t.costNanos() * (lcm / t.periodNanos());
        }
        if (total > lcm) {
            return false;
        }
        long horizon = lcm + tasks.stream().mapToLong(RtTask::deadlineNanos).max().orElseThrow();
        for (RtTask task : tasks) {
            for (long t = task.deadlineNanos(); t <= horizon; t += task.periodNanos()) {
                if (EdfAnalysis.demand(tasks, t) > t) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
