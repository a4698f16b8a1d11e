package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.testsupport.TestKernelContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core's steady state — take a job, run it, count it, hand it on — allocates nothing. */
class DispatcherCoreAllocationTest {
    @Test
    void runningTasksAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        ManualClock clock = new ManualClock(1_000_000);
        // Two local stages, then done: each job passes through the core twice and back to the pool once.
        Route route = route(0, stage(0, 100, 1, 0), stage(0, 200, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "k0", 1, clock, List.of(route));
        JobPool pool = new JobPool(64);
        JobQueue queue = new JobQueue();
        LocalStages stages = new LocalStages(0, List.of(route));
        StageIntake intake = new StageIntake(ctx, ctx.metrics(0), pool, stages);
        JobSink local = job -> {
            if (intake.admit(job)) {
                queue.add(job);
            }
        };
        StageForwarder forwarder = new StageForwarder(ctx, 0, pool, local);
        TaskRunner runner = (job, group, start) -> clock.advance(stages.costNanos(group));
        DispatcherCore core = new DispatcherCore(ctx, 0, runner, forwarder.afterTaskSink(),
                TaskFailurePolicy.standard(ctx, 0), stages);

        Runnable cycle = () -> {
            Job job;
            while ((job = pool.acquire()) != null) {
                job.routeId = 0;
                job.stage = 0;
                job.group = 0;
                job.originNanos = clock.nanoTime();
                job.arrivalNanos = clock.nanoTime();
                queue.add(job);
            }
            while (core.runTasks(queue, 64) > 0) {
                // until every job has run both stages
            }
        };
        for (int i = 0; i < 5_000; i++) {
            cycle.run(); // warm up: JIT-compile the loop
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 5_000; i++) {
            cycle.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        long tasks = ctx.metrics(0).tasksCompleted.get();
        assertThat(tasks).isEqualTo(2L * 64 * 10_000);
        assertThat(pool.free()).isEqualTo(64);
        assertThat(allocated).as("bytes allocated over %d tasks", tasks).isLessThan(4_096);
    }
}
