package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every kernel's dispatcher does first with a job for one of its stages. */
class StageIntakeTest {
    // Route 0: stage 0 here (every 3rd task fails), stage 1 on kernel 1.
    private final Route route = route(0, stage(0, 1_000, 1, 3), stage(1));
    private final TestKernelContext ctx = new TestKernelContext(0, "k0", 1, new ManualClock(0), List.of(route));
    private final JobPool pool = new JobPool(4);
    private final StageIntake intake = new StageIntake(ctx, ctx.metrics(0), pool,
            new LocalStages(0, List.of(route)));

    private Job job(int stage) {
        Job job = pool.acquire();
        job.routeId = 0;
        job.stage = stage;
        job.failed = true; // left over from a previous stage: admit clears it
        return job;
    }

    @Test
    void tagsAJobOfALocalStageWithItsGroupAndFailsEveryNthTask() {
        boolean[] faults = new boolean[6];
        for (int i = 0; i < faults.length; i++) {
            Job job = job(0);
            assertThat(intake.admit(job)).isTrue();
            assertThat(job.group).isEqualTo(0);
            assertThat(job.failed).isFalse();
            faults[i] = job.faultInjected;
            pool.release(job);
        }
        assertThat(faults).containsExactly(false, false, true, false, false, true);
        assertThat(ctx.errors()).isEmpty();
    }

    @Test
    void dropsCountsReturnsAndReportsAJobWhoseStageRunsElsewhere() {
        Job job = job(1);

        assertThat(intake.admit(job)).isFalse();

        assertThat(pool.inUse()).isZero();
        assertThat(ctx.metrics(0).dropped[0].get()).isEqualTo(1);
        assertThat(ctx.errors()).singleElement().satisfies(e -> assertThat(e.toString()).contains("does not run here"));
    }
}
