package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Clock;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.hiccup.Intervals;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.miss.Miss;
import io.crosskernel.api.miss.MissCause;
import io.crosskernel.api.miss.MissClassifier;
import io.crosskernel.api.miss.MissKind;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The realtime kernel records every deadline miss with what attribution needs, and the classifier gives each the cause
 * provoked on purpose: an overrun, a long job ahead of a short one (scheduling), and a clock that jumps in the middle
 * of a job (a hiccup: platform). Virtual time: a {@link ManualClock} driven from the test thread, the duty loop's
 * readings fed to the hiccup meter as the host's worker does with a busy-spin idle strategy.
 */
class RealtimeMissAttributionTest {
    private static final long START = 1_000_000_000L;
    private static final long NEVER = Long.MAX_VALUE;
    private static final long MS = 1_000_000;
    private static final long US = 1_000;
    private static final int RT = 0;

    private final ManualClock clock = new ManualClock(START);

    /** A job's spin in virtual time: a reading every microsecond, and on job {@code jumpOnRun} one jump. */
    private final class SteppedWork implements StageWork {
        private final long extraNanos;
        private final int jumpOnRun;
        private final long jumpNanos;
        private int runs;

        SteppedWork(long extraNanos, int jumpOnRun, long jumpNanos) {
            this.extraNanos = extraNanos;
            this.jumpOnRun = jumpOnRun;
            this.jumpNanos = jumpNanos;
        }

        @Override
        public void run(Clock ignored, HiccupMeter hiccups, long startNanos, long costNanos, boolean fail) {
            runs++;
            long todo = costNanos + extraNanos;
            for (long done = 0; done < todo; done += US) {
                clock.advance(Math.min(US, todo - done));
                hiccups.sample(clock.nanoTime());
                if (runs == jumpOnRun && done == 0) {
                    clock.advance(jumpNanos); // the thread lost its core here
                    hiccups.sample(clock.nanoTime());
                }
            }
            if (fail) {
                throw InjectedFault.INSTANCE;
            }
        }
    }

    private static Route periodic(int id, String name, long cost, long deadline) {
        return new Route(id, name, "periodic", List.of(new Stage(RT, "rt", cost, 1, 0)), deadline);
    }

    /**
     * The kernel's view of {@link #clock}: once the time reaches {@code armedAt}, its {@code pauseOnRead}-th reading
     * (counting from 1) first moves the time on by {@code pauseNanos}: the thread lost its core just before it.
     */
    private final class PausingClock implements Clock {
        private final long armedAt;
        private final int pauseOnRead;
        private final long pauseNanos;
        private int readsSinceArmed;

        PausingClock(long armedAt, int pauseOnRead, long pauseNanos) {
            this.armedAt = armedAt;
            this.pauseOnRead = pauseOnRead;
            this.pauseNanos = pauseNanos;
        }

        @Override
        public long nanoTime() {
            if (clock.nanoTime() >= armedAt && ++readsSinceArmed == pauseOnRead) {
                clock.advance(pauseNanos);
            }
            return clock.nanoTime();
        }
    }

    /** Boots the kernel, runs it until {@code until} with the worker loop's readings metered, returns its metrics. */
    private WorkerMetrics run(List<Route> routes, List<Source> sources, StageWork work, long until) {
        return run(routes, sources, work, until, clock);
    }

    /** As {@link #run(List, List, StageWork, long)}, the kernel reading {@code kernelClock}. */
    private WorkerMetrics run(List<Route> routes, List<Source> sources, StageWork work, long until,
            Clock kernelClock) {
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, kernelClock, routes);
        sources.forEach(ctx::source);
        RealtimeKernel kernel = new RealtimeKernel(new RealtimeSettings(RtPolicy.EDF, 0, 10 * US, Map.of(), 64),
                work);
        kernel.onBoot(ctx);
        ctx.openSources(clock.nanoTime());
        WorkerMetrics m = ctx.metrics(0);
        while (clock.nanoTime() < until) {
            m.hiccups.sample(clock.nanoTime());
            if (kernel.doWork(0) == 0) {
                clock.advance(2 * US);
            }
        }
        return m;
    }

    private static List<MissCause> causes(WorkerMetrics m, Predicate<Miss> which) {
        Intervals hiccups = m.hiccups.intervals();
        return m.misses.misses().stream().filter(which)
                .map(miss -> MissClassifier.classify(miss, Intervals.NONE, hiccups)).toList();
    }

    /**
     * 50us of cost, a 60us deadline (cost + the 10us slack), and a 15us pause (under the 20us hiccup threshold) on
     * the {@code read}-th reading of the kernel clock from the job's release on: wherever the pause lands, the job's
     * task miss and its request's end-to-end miss are given the same cause.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void bothMissesOfALateJobGetOneCauseWhereverAPauseLands(int read) {
        WorkerMetrics m = pausedControlLoop(read);

        List<MissCause> task = causes(m, miss -> miss.kind() == MissKind.TASK);
        assertThat(causes(m, miss -> miss.kind() == MissKind.ROUTE)).isEqualTo(task);
    }

    @Test
    void aPauseInsideTheSchedulersWindowButBeforeTheCoresIsAnOverrunOfBothMisses() {
        // The third reading from the release on is the core's start, after the scheduler's: the pause falls in the
        // scheduler's window only. Before the two shared one window, the task's miss was an overrun and the
        // request's a scheduling miss, the runtime's.
        WorkerMetrics m = pausedControlLoop(3);

        assertThat(causes(m, miss -> miss.kind() == MissKind.TASK)).containsExactly(MissCause.OVERRUN);
        assertThat(causes(m, miss -> miss.kind() == MissKind.ROUTE)).containsExactly(MissCause.OVERRUN);
    }

    private WorkerMetrics pausedControlLoop(int read) {
        Route control = periodic(0, "control", 50 * US, 60 * US);
        return run(List.of(control), List.of(new Source(control, new ConstantRateSchedule(2 * MS, 0, NEVER))),
                new SteppedWork(0, 0, 0), START + 3 * MS, new PausingClock(START + 2 * MS, read, 15 * US));
    }

    @Test
    void aJobThatRunsPastItsBudgetMissesByOverrun() {
        Route control = periodic(0, "control", 50 * US, MS);
        WorkerMetrics m = run(List.of(control), List.of(new Source(control, new ConstantRateSchedule(2 * MS, 0,
                NEVER))), new SteppedWork(MS, 0, 0), START + 10 * MS);

        assertThat(m.deadlineMisses[0].get()).isEqualTo(5);
        assertThat(m.misses.taskNames()).containsExactly("control");
        assertThat(causes(m, miss -> miss.kind() == MissKind.ROUTE)).hasSize(5).containsOnly(MissCause.OVERRUN);
        assertThat(causes(m, miss -> miss.kind() == MissKind.TASK)).hasSize(5).containsOnly(MissCause.OVERRUN);
        assertThat(m.hiccups.count()).as("a dense spin is not a hiccup").isZero();
    }

    @Test
    void aShortJobBehindALongOneMissesBySchedulingWhenNothingElseHappened() {
        Route batch = periodic(0, "batch", 900 * US, 10 * MS);
        Route quick = periodic(1, "quick", 50 * US, 200 * US);
        WorkerMetrics m = run(List.of(batch, quick), List.of(
                new Source(batch, new ConstantRateSchedule(10 * MS, 0, NEVER)),
                new Source(quick, new ConstantRateSchedule(10 * MS, 100 * US, NEVER))),
                new SteppedWork(0, 0, 0), START + 30 * MS);

        assertThat(m.deadlineMisses[0].get()).isZero();
        assertThat(m.deadlineMisses[1].get()).isEqualTo(3);
        assertThat(causes(m, miss -> miss.kind() == MissKind.ROUTE && miss.subject() == 1)).hasSize(3)
                .containsOnly(MissCause.SCHEDULING);
        assertThat(causes(m, miss -> miss.kind() == MissKind.TASK)).hasSize(3).containsOnly(MissCause.SCHEDULING);
        assertThat(m.hiccups.count()).isZero();
    }

    @Test
    void aClockJumpInTheMiddleOfAJobIsAHiccupAndItsMissIsThePlatforms() {
        Route control = periodic(0, "control", 50 * US, 200 * US);
        WorkerMetrics m = run(List.of(control), List.of(new Source(control, new ConstantRateSchedule(MS, 0,
                NEVER))), new SteppedWork(0, 3, 400 * US), START + 10 * MS);

        assertThat(m.hiccups.count()).isEqualTo(1);
        assertThat(m.hiccups.lostNanos()).isEqualTo(400 * US);
        assertThat(m.deadlineMisses[0].get()).isEqualTo(1);
        List<Miss> misses = m.misses.misses();
        assertThat(misses).allMatch(Miss::overran, "the jump made the job look like an overrun");
        assertThat(causes(m, miss -> true)).hasSize(2).containsOnly(MissCause.PLATFORM);
    }

    /**
     * A pause that leaves a backlog: job 3 of a 200us loop (cost 150us) loses 600us in its middle; jobs 4 and 5 are
     * released into the backlog, start late and miss although no pause overlaps their own [release, finish]. The
     * kernel's busy period began before job 3, so the pause explains them too: platform, not scheduling.
     */
    @Test
    void aBacklogLeftByAPauseIsThePlatformsNotTheSchedulers() {
        Route control = periodic(0, "control", 150 * US, 200 * US);
        WorkerMetrics m = run(List.of(control), List.of(new Source(control, new ConstantRateSchedule(200 * US, 0,
                NEVER))), new SteppedWork(0, 3, 600 * US), START + 3 * MS);

        List<Miss> late = m.misses.misses().stream().filter(miss -> miss.kind() == MissKind.ROUTE).toList();
        assertThat(late.size()).as("the pause and the backlog behind it").isGreaterThanOrEqualTo(3);
        assertThat(late).anyMatch(miss -> miss.release() > m.hiccups.intervals().end(0),
                "some were released after the pause ended");
        assertThat(late).allMatch(miss -> miss.busyFrom() < miss.release() || miss.release() <= START + 400 * US);
        assertThat(causes(m, miss -> true)).containsOnly(MissCause.PLATFORM);
        Intervals hiccups = m.hiccups.intervals();
        assertThat(late).as("counted from its release alone, a backlogged miss would be blamed on the scheduler")
                .anyMatch(miss -> MissClassifier.classify(miss.release(), miss.finish(), miss.deadline(),
                        miss.overran(), Intervals.NONE, hiccups) == MissCause.SCHEDULING);
    }

    /**
     * A pause wherever it falls in an idle duty cycle: 5 ms lost while a 1 ms loop of 300us jobs waits for its next
     * release, at each of the first eight clock readings of the kernel after 3.3 ms (every position in a duty cycle,
     * including between the sources' poll and the scheduler's). The five jobs released in the pause run back to back
     * after it, and the ones released after the pause wait behind them and miss too; the pause explains every miss.
     * Were the kernel marked idle at a reading taken after the pause, before the sources had delivered the jobs the
     * pause released, the later jobs' busy period would start after the pause and their misses would read as
     * scheduling.
     */
    @ParameterizedTest(name = "pause on reading {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aPauseAnywhereInAnIdleDutyCycleExplainsTheBacklogItLeaves(int pauseOnRead) {
        Route control = periodic(0, "control", 300 * US, MS);
        PausingClock kernelClock = new PausingClock(START + 3_300 * US, pauseOnRead, 5 * MS);
        WorkerMetrics m = run(List.of(control), List.of(new Source(control, new ConstantRateSchedule(MS, 0,
                NEVER))), new SteppedWork(0, 0, 0), START + 20 * MS, kernelClock);

        assertThat(m.hiccups.count()).as("the pause, seen by the duty loop's next reading").isEqualTo(1);
        List<Miss> late = m.misses.misses().stream().filter(miss -> miss.kind() == MissKind.TASK).toList();
        long pauseEnd = m.hiccups.intervals().end(0);
        assertThat(late).as("jobs released after the pause, waiting behind its backlog")
                .anyMatch(miss -> miss.release() > pauseEnd);
        assertThat(causes(m, miss -> true)).isNotEmpty().containsOnly(MissCause.PLATFORM);
    }
}
