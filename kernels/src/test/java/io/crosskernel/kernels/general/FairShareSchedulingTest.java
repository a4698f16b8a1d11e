package io.crosskernel.kernels.general;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.kernels.testsupport.SteppingClock;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weighted fair share on one worker, with a clock that steps on every reading so that a task's cost is a
 * deterministic amount of (simulated) CPU time.
 */
class FairShareSchedulingTest {
    private static final long COST = 10_000;
    private static final long NEVER = Long.MAX_VALUE;

    private final SteppingClock clock = new SteppingClock(1_000_000_000L, 1_000);

    @Test
    void backloggedGroupsShareTheCpuInProportionToTheirWeights() {
        Route light = route(0, stage(0, COST, 1, 0));
        Route heavy = route(1, stage(0, COST, 3, 0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(light, heavy))
                .source(new Source(light, new BurstSchedule(0, 1_500, 0, NEVER)))
                .source(new Source(heavy, new BurstSchedule(0, 1_500, 0, NEVER)));
        GeneralKernel kernel = new GeneralKernel(new GeneralSettings(4096, 4096));
        kernel.onBoot(ctx);
        ctx.openSources(clock.nanoTime());
        WorkerMetrics m = ctx.metrics(0);

        for (int cycle = 0; cycle < 10_000 && m.tasksCompleted.get() < 1_000; cycle++) {
            kernel.doWork(0);
        }

        long lightDone = m.completed[0].get();
        long heavyDone = m.completed[1].get();
        assertThat(lightDone + heavyDone).isGreaterThanOrEqualTo(1_000);
        assertThat(heavyDone).as("both groups stayed backlogged").isLessThan(1_500);
        assertThat((double) heavyDone / lightDone).isBetween(2.0, 4.5);
    }

    @Test
    void aGroupWakingAfterIdlingDoesNotStarveTheGroupThatKeptRunning() {
        Route busy = route(0, stage(0, COST, 1, 0));
        Route late = route(1, stage(0, COST, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(busy, late))
                .source(new Source(busy, new BurstSchedule(0, 3_000, 0, NEVER)))
                // Arrives after the busy group has banked a large virtual runtime.
                .source(new Source(late, new BurstSchedule(5_000_000, 1_000, 0, NEVER)));
        GeneralKernel kernel = new GeneralKernel(new GeneralSettings(4096, 4096));
        kernel.onBoot(ctx);
        ctx.openSources(clock.nanoTime());
        WorkerMetrics m = ctx.metrics(0);

        for (int cycle = 0; cycle < 10_000 && m.completed[1].get() == 0; cycle++) {
            kernel.doWork(0);
        }
        long busyBefore = m.completed[0].get();
        long lateBefore = m.completed[1].get();
        assertThat(lateBefore).isPositive();
        assertThat(busyBefore).as("the busy group ran alone first").isGreaterThan(200);

        for (int cycle = 0; cycle < 10_000 && m.tasksCompleted.get() < busyBefore + lateBefore + 400; cycle++) {
            kernel.doWork(0);
        }

        long busyGained = m.completed[0].get() - busyBefore;
        long lateGained = m.completed[1].get() - lateBefore;
        assertThat(busyGained + lateGained).isGreaterThanOrEqualTo(400);
        // Equal weights: about half each. Had the late group kept its stale virtual runtime, it would have run
        // hundreds of tasks before the busy group got one.
        assertThat(busyGained).isBetween(120L, 280L);
    }
}
