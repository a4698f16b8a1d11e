package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.metrics.LatencyRecorder;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RealtimeSchedulerTest {
    private static final long START = 1_000;

    private final ManualClock clock = new ManualClock(START);

    private RealtimeScheduler scheduler(List<RtTask> tasks, RtPolicy policy, ClockAdvancingBody body) {
        RealtimeScheduler s = new RealtimeScheduler(tasks, policy, clock, body, RtSchedulerConfig.DEFAULT);
        s.start(START);
        return s;
    }

    private ClockAdvancingBody budgetBody(List<RtTask> tasks) {
        return new ClockAdvancingBody(clock, (i, seq) -> tasks.get(i).costNanos(), 1024);
    }

    @Test
    void edfRunsEarliestAbsoluteDeadlineFirst() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 100, 1, 100), RtTask.periodic("b", 100, 1, 30),
                RtTask.periodic("c", 100, 1, 60));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.EDF, body);
        VirtualTime.runUntil(s, clock, START + 100);
        assertThat(body.order()).containsExactly(1, 2, 0);
    }

    @Test
    void edfComparesAbsoluteDeadlinesAcrossReleases() {
        // a's job released at 0 is due at 50; b's released at 10 is due at 40: b goes first though released later.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 100, 5, 50),
                RtTask.periodic("b", 100, 5, 30).withOffset(10), RtTask.periodic("x", 100, 20, 100));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.EDF, body);
        VirtualTime.runUntil(s, clock, START + 100);
        // t=0: a (due 50) before x (due 100); t=5: x runs to 25 (b released at 10 waits: no preemption);
        // t=25: b (due 40).
        assertThat(body.order()).containsExactly(0, 2, 1);
        assertThat(s.metrics(1).latenessMaxNanos()).isEqualTo(15);
    }

    @Test
    void rateMonotonicRunsShortestPeriodFirst() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 300, 1), RtTask.periodic("b", 100, 1),
                RtTask.periodic("c", 200, 1));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.RM, body);
        s.poll(clock.nanoTime());
        s.poll(clock.nanoTime());
        s.poll(clock.nanoTime());
        assertThat(body.order()).containsExactly(1, 2, 0);
    }

    @Test
    void deadlineMonotonicRunsShortestDeadlineFirst() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 100, 1, 90), RtTask.periodic("b", 300, 1, 20),
                RtTask.periodic("c", 200, 1, 50));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.DM, body);
        VirtualTime.runUntil(s, clock, START + 10);
        assertThat(body.order()).containsExactly(1, 2, 0);
    }

    @Test
    void aRunningJobIsNotPreemptedAndLatenessIsExact() {
        // lo starts at 0 and runs 10; hi is released at 5 and must wait until 10.
        List<RtTask> tasks = List.of(RtTask.periodic("lo", 100, 10), RtTask.periodic("hi", 50, 1).withOffset(5));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.RM, body);
        VirtualTime.runUntil(s, clock, START + 100);
        // hi job 0: released 5, starts 10 (late 5), ends 11. hi job 1: released 55, starts 55 (late 0), ends 56.
        RtTaskMetrics hi = s.metrics(1);
        assertThat(hi.released.get()).isEqualTo(2);
        assertThat(hi.completed.get()).isEqualTo(2);
        assertThat(hi.latenessMinNanos()).isZero();
        assertThat(hi.latenessMaxNanos()).isEqualTo(5);
        assertThat(hi.latenessAvgNanos()).isEqualTo(2.5);
        assertThat(hi.responseMaxNanos()).isEqualTo(6);
        assertThat(hi.deadlineMisses.get()).isZero();
        assertThat(histogram(hi.lateness).getMaxValue()).isEqualTo(5);
        assertThat(histogram(hi.response).getTotalCount()).isEqualTo(2);
        assertThat(s.metrics(0).latenessMaxNanos()).isZero();
    }

    @Test
    void countsDeadlineMissesAndBudgetOverrunsExactly() {
        // Budget 10, deadline 12; jobs 1 and 3 run 13 (over budget and past the deadline), job 2 runs 11 (over budget,
        // in time), the rest 10.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 100, 10, 12));
        long[] actual = {10, 13, 11, 13, 10};
        ClockAdvancingBody body = new ClockAdvancingBody(clock, (i, seq) -> actual[(int) seq], 16);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.EDF, body);
        VirtualTime.runUntil(s, clock, START + 500);
        RtTaskMetrics m = s.metrics(0);
        assertThat(m.completed.get()).isEqualTo(5);
        assertThat(m.budgetOverruns.get()).isEqualTo(3);
        assertThat(m.deadlineMisses.get()).isEqualTo(2);
        assertThat(m.executionMaxNanos()).isEqualTo(13);
    }

    @Test
    void overrunSlackToleratesSmallExcess() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 100, 10));
        long[] actual = {11, 12, 13};
        ClockAdvancingBody body = new ClockAdvancingBody(clock, (i, seq) -> actual[(int) seq], 16);
        RealtimeScheduler s = new RealtimeScheduler(tasks, RtPolicy.EDF, clock, body,
                RtSchedulerConfig.DEFAULT.withOverrunSlackNanos(2));
        s.start(START);
        VirtualTime.runUntil(s, clock, START + 300);
        assertThat(s.metrics(0).budgetOverruns.get()).isEqualTo(1);
    }

    @Test
    void aLateJobIsDueFromItsReleaseNotFromWhenItWasNoticed() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 100, 10, 20));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.EDF, body);
        clock.set(START + 15); // the kernel was held up: released at 0, started at 15, finishes at 25 > 20
        s.poll(clock.nanoTime());
        assertThat(s.metrics(0).deadlineMisses.get()).isEqualTo(1);
        assertThat(s.metrics(0).latenessMaxNanos()).isEqualTo(15);
        assertThat(s.nextReleaseNanos()).isEqualTo(START + 100);
    }

    @Test
    void backlogOfAPeriodicTaskIsKeptAndWorkedOff() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 10, 2));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.RM, body);
        clock.set(START + 35); // jobs at 0, 10, 20, 30 are all due
        assertThat(s.poll(clock.nanoTime())).isEqualTo(4 + 1);
        assertThat(s.readyJobs(0)).isEqualTo(3);
        assertThat(s.oldestReadyDeadline(0)).isEqualTo(START + 20);
        while (s.hasReadyJob()) {
            s.poll(clock.nanoTime());
        }
        // Working off the four took until 43, by which the job released at 40 had joined them.
        assertThat(s.metrics(0).completed.get()).isEqualTo(5);
        assertThat(clock.nanoTime()).isEqualTo(START + 45);
        assertThat(s.oldestReadyDeadline(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sporadicArrivalTooSoonIsDeferredToTheEarliestLegalRelease() {
        List<RtTask> tasks = List.of(RtTask.sporadic("s", 10, 2, 10));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.EDF, body);
        assertThat(s.nextReleaseNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.release(0, START)).isTrue();
        assertThat(s.release(0, START + 3)).isTrue(); // too soon: released at START + 10
        assertThat(s.metrics(0).earlyArrivals.get()).isEqualTo(1);
        assertThat(s.poll(clock.nanoTime())).isEqualTo(2); // one released, one run
        assertThat(s.nextReleaseNanos()).isEqualTo(START + 10);
        clock.set(START + 5);
        assertThat(s.poll(clock.nanoTime())).isZero();
        clock.set(START + 10);
        assertThat(s.poll(clock.nanoTime())).isEqualTo(2);
        // lateness runs from the deferred release, so the deferred job was on time.
        assertThat(s.metrics(0).latenessMaxNanos()).isZero();
        assertThat(s.release(0, START + 25)).isTrue(); // 15 after the last release: on time
        assertThat(s.metrics(0).earlyArrivals.get()).isEqualTo(1);
        assertThat(s.release(0, START + 27)).isTrue(); // deferred to 35
        assertThat(s.metrics(0).earlyArrivals.get()).isEqualTo(2);
        VirtualTime.runUntil(s, clock, START + 100);
        assertThat(s.metrics(0).completed.get()).isEqualTo(4);
        assertThat(s.metrics(0).released.get()).isEqualTo(4);
        assertThat(s.metrics(0).deadlineMisses.get()).isZero();
    }

    @Test
    void sporadicArrivalsBeyondTheBacklogAreRefusedAndCounted() {
        List<RtTask> tasks = List.of(RtTask.sporadic("s", 10, 2, 10));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = new RealtimeScheduler(tasks, RtPolicy.EDF, clock, body, new RtSchedulerConfig(2, 0));
        s.start(START);
        assertThat(s.release(0, START)).isTrue();
        assertThat(s.release(0, START)).isTrue();
        assertThat(s.release(0, START)).isFalse();
        assertThat(s.metrics(0).refusedArrivals.get()).isEqualTo(1);
        s.poll(clock.nanoTime()); // one job runs: room for one more
        assertThat(s.release(0, START + 2)).isTrue();
        VirtualTime.runUntil(s, clock, START + 100);
        assertThat(s.metrics(0).completed.get()).isEqualTo(3);
    }

    @Test
    void sporadicAndPeriodicTasksShareTheCoreByPolicy() {
        List<RtTask> tasks = List.of(RtTask.periodic("p", 20, 5), RtTask.sporadic("s", 50, 3, 4));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.EDF, body);
        s.release(1, START);
        s.poll(clock.nanoTime()); // s is due at 4, p at 20
        assertThat(body.order()).containsExactly(1);
        VirtualTime.runUntil(s, clock, START + 40);
        assertThat(body.order()).containsExactly(1, 0, 0);
    }

    @Test
    void aBodyThatThrowsFailsOnlyItsJob() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 10, 1));
        RealtimeScheduler s = new RealtimeScheduler(tasks, RtPolicy.EDF, clock, (i, seq) -> {
            if (seq == 0) {
                throw new IllegalStateException("boom");
            }
            clock.advance(1);
        }, RtSchedulerConfig.DEFAULT);
        s.start(START);
        assertThatThrownBy(() -> s.poll(clock.nanoTime())).hasMessage("boom");
        assertThat(s.metrics(0).failed.get()).isEqualTo(1);
        assertThat(s.hasReadyJob()).isFalse();
        VirtualTime.runUntil(s, clock, START + 30);
        assertThat(s.metrics(0).completed.get()).isEqualTo(2);
    }

    @Test
    void nonPreemptiveFixedPrioritySimulationReachesTheAnalysedWorstCase() {
        // Same set as the analysis test: c's second job responds in exactly 7.
        List<RtTask> tasks = List.of(RtTask.periodic("a", 5, 2), RtTask.periodic("b", 7, 2),
                RtTask.periodic("c", 7, 2));
        ClockAdvancingBody body = budgetBody(tasks);
        RealtimeScheduler s = scheduler(tasks, RtPolicy.RM, body);
        VirtualTime.runUntil(s, clock, START + 35 * 4);
        assertThat(s.metrics(2).responseMaxNanos()).isEqualTo(7);
        assertThat(s.metrics(0).deadlineMisses.get() + s.metrics(1).deadlineMisses.get()
                + s.metrics(2).deadlineMisses.get()).isZero();
    }

    @Test
    void misusesAreReported() {
        List<RtTask> tasks = List.of(RtTask.periodic("a", 10, 1));
        RealtimeScheduler s = new RealtimeScheduler(tasks, RtPolicy.EDF, clock, (i, seq) -> { },
                RtSchedulerConfig.DEFAULT);
        assertThatThrownBy(() -> s.poll(0)).isInstanceOf(IllegalStateException.class);
        s.start(START);
        assertThatThrownBy(() -> s.start(START)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.release(0, START)).hasMessageContaining("periodic");
        assertThat(s.indexOf("a")).isZero();
        assertThat(s.indexOf("zz")).isEqualTo(-1);
    }

    private static Histogram histogram(LatencyRecorder recorder) {
        Histogram h = LatencyRecorder.newAccumulator();
        recorder.drainInto(h);
        return h;
    }
}
