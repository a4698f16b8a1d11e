package io.crosskernel.kernels.general;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.testing.TestKernelContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steady state allocates nothing: sources, dispatch, fair-share picking, tasks, forwarding and metrics. */
class SteadyStateAllocationTest {
    private static final long ALLOWED_BYTES = 64 * 1024;

    @Test
    void runningTasksAfterWarmUpAllocatesAlmostNothing() {
        ManualClock clock = new ManualClock(1_000_000);
        Route twoStages = route(0, stage(0, 0, 1, 0), stage(0, 0, 3, 0));
        Route oneStage = route(1, stage(0, 0, 2, 1_000));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(twoStages, oneStage))
                .source(new Source(twoStages, new ConstantRateSchedule(200, 0, Long.MAX_VALUE)))
                .source(new Source(oneStage, new ConstantRateSchedule(200, 0, Long.MAX_VALUE)));
        GeneralKernel kernel = new GeneralKernel(new GeneralSettings(256, 64));
        kernel.onBoot(ctx);
        ctx.openSources(clock.nanoTime());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        runCycles(kernel, clock, 20_000); // warm-up: let the JIT compile the duty cycle
        long tasksBefore = ctx.metrics(0).tasksCompleted.get() + ctx.metrics(0).tasksFailed.get();
        long before = threads.getCurrentThreadAllocatedBytes();
        runCycles(kernel, clock, 13_400);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long tasks = ctx.metrics(0).tasksCompleted.get() + ctx.metrics(0).tasksFailed.get() - tasksBefore;

        assertThat(tasks).isGreaterThanOrEqualTo(200_000);
        assertThat(ctx.metrics(0).tasksFailed.get()).as("fault injection path exercised").isPositive();
        assertThat(allocated).as("bytes allocated for %d tasks", tasks).isLessThan(ALLOWED_BYTES);
    }

    private static void runCycles(GeneralKernel kernel, ManualClock clock, int cycles) {
        for (int i = 0; i < cycles; i++) {
            kernel.doWork(0);
            clock.advance(1_000);
        }
    }
}
