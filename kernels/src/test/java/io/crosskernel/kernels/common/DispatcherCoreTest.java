package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.testsupport.TestKernelContext;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared error policy, one test per kind of throwable a task may throw: every failure is counted on its route,
 * its job goes back to the pool (the pool's free count is restored: no leak), and it is reported exactly once —
 * as a task error, or, for a {@link VirtualMachineError} or the kernel's own fatal fault, by failing the run.
 */
class DispatcherCoreTest {
    private static final int POOL = 4;

    // One stage on kernel 0 with a 1 µs cost: the last stage, so a finished job completes and returns to the pool.
    private final Route route = route(0, stage(0, 1_000, 1, 0));
    private final ManualClock clock = new ManualClock(1_000_000);
    private final TestKernelContext ctx = new TestKernelContext(0, "k0", 1, clock, List.of(route));
    private final JobPool pool = new JobPool(POOL);
    private final JobQueue queue = new JobQueue();
    private final LocalStages stages = new LocalStages(0, List.of(route));
    private final StageForwarder forwarder = new StageForwarder(ctx, 0, pool, queue::add);
    private Throwable toThrow;
    private long ranFor;

    private final TaskRunner runner = (job, group, start) -> {
        clock.advance(ranFor);
        Throwable t = toThrow;
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    };

    private DispatcherCore core(TaskFailurePolicy policy) {
        return new DispatcherCore(ctx, 0, runner, forwarder.afterTaskSink(), policy, stages);
    }

    private DispatcherCore core() {
        return core(TaskFailurePolicy.standard(ctx, 0));
    }

    private void queueJobs(int n) {
        for (int i = 0; i < n; i++) {
            Job job = pool.acquire();
            job.requestId = i;
            job.routeId = 0;
            job.stage = 0;
            job.originNanos = clock.nanoTime();
            job.arrivalNanos = clock.nanoTime();
            job.group = 0;
            queue.add(job);
        }
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // the InterruptedException test leaves the flag set on purpose
    }

    @Test
    void succeedingTasksAreCountedCompletedAndTheirJobsComeBack() {
        queueJobs(POOL);
        ranFor = 500;

        assertThat(core().runTasks(queue, 64)).isEqualTo(POOL);

        assertThat(ctx.metrics(0).tasksCompleted.get()).isEqualTo(POOL);
        assertThat(ctx.metrics(0).completed[0].get()).isEqualTo(POOL);
        assertThat(ctx.metrics(0).tasksFailed.get()).isZero();
        assertThat(ctx.metrics(0).budgetOverruns[0].get()).isZero();
        assertThat(pool.free()).isEqualTo(POOL);
        assertThat(ctx.errors()).isEmpty();
    }

    @Test
    void aTaskThatRunsPastItsCostPlusSlackIsABudgetOverrun() {
        queueJobs(1);
        ranFor = 1_000 + DispatcherCore.BUDGET_SLACK_NANOS + 1;

        core().runTasks(queue, 64);

        assertThat(ctx.metrics(0).budgetOverruns[0].get()).isEqualTo(1);
        assertThat(ctx.metrics(0).tasksCompleted.get()).isEqualTo(1);
    }

    @Test
    void aCheckedExceptionFailsTheTaskIsReportedOnceAndReturnsTheJob() {
        assertFailsOneTaskAndIsReported(new IOException("disk said no"));
    }

    @Test
    void aRuntimeExceptionFailsTheTaskIsReportedOnceAndReturnsTheJob() {
        assertFailsOneTaskAndIsReported(new IllegalStateException("bad state"));
    }

    @Test
    void anErrorThatIsNotAVirtualMachineErrorFailsTheTaskIsReportedOnceAndReturnsTheJob() {
        assertFailsOneTaskAndIsReported(new AssertionError("task broke an invariant"));
    }

    @Test
    void anInterruptedTaskFailsAndTheWorkersInterruptFlagIsRestored() {
        assertFailsOneTaskAndIsReported(new InterruptedException("stop"));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void anOutOfMemoryErrorIsCountedReturnsTheJobAndFailsTheRunOnce() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        toThrow = oom;
        queueJobs(3);

        assertThat(core().runTasks(queue, 64)).isEqualTo(3);

        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(3);
        assertThat(ctx.metrics(0).failed[0].get()).isEqualTo(3);
        assertThat(pool.free()).as("jobs back in the pool").isEqualTo(POOL);
        assertThat(ctx.errors()).as("not reported as a task error").isEmpty();
        assertThat(ctx.runFailures()).as("the run fails once, not once per task").singleElement()
                .satisfies(reason -> assertThat(reason).contains("r0#0", "k0", "OutOfMemoryError", "Java heap space"));
    }

    @Test
    void aStackOverflowErrorFailsTheRun() {
        toThrow = new StackOverflowError();
        queueJobs(1);

        core().runTasks(queue, 64);

        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(1);
        assertThat(pool.free()).isEqualTo(POOL);
        assertThat(ctx.runFailures()).singleElement()
                .satisfies(reason -> assertThat(reason).contains("StackOverflowError"));
    }

    @Test
    void aKernelsOwnFatalFaultFailsTheRunOnceWithItsMessageAndLaterOnesAreOnlyCounted() {
        toThrow = new UnsupportedOperationException("log /data is full: writes fail from here on");
        queueJobs(2);

        core(TaskFailurePolicy.alsoFatal(ctx, 0, UnsupportedOperationException.class)).runTasks(queue, 64);

        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(2);
        assertThat(pool.free()).isEqualTo(POOL);
        assertThat(ctx.errors()).isEmpty();
        assertThat(ctx.runFailures()).containsExactly("log /data is full: writes fail from here on");
    }

    @Test
    void aFailedStepOfAnExternallyRunTaskIsCountedReturnedAndReported() {
        DispatcherCore core = DispatcherCore.stepsOnly(ctx, 0, forwarder.afterTaskSink(),
                TaskFailurePolicy.standard(ctx, 0), stages.names(), new long[] {DispatcherCore.NO_BUDGET});
        queueJobs(1);
        Job job = queue.poll();

        core.finishFailed(job, 0, clock.nanoTime(), new LinkageError("class went missing"));

        assertThat(ctx.metrics(0).failed[0].get()).isEqualTo(1);
        assertThat(pool.free()).isEqualTo(POOL);
        assertThat(ctx.errors()).singleElement().satisfies(e -> assertThat(e.taskName()).isEqualTo("r0#0"));
        assertThatThrownBy(() -> core.runTasks(queue, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("steps only");
    }

    @Test
    void aWorkerStopsStartingTasksAfterItsTimeSlice() {
        queueJobs(POOL);
        ranFor = DispatcherCore.TIME_SLICE_NANOS / 2;

        assertThat(core().runTasks(queue, 64)).as("the second task ends at the slice's end").isEqualTo(2);
        assertThat(queue.size()).isEqualTo(2);
    }

    private void assertFailsOneTaskAndIsReported(Throwable error) {
        toThrow = error;
        queueJobs(1);

        assertThat(core().runTasks(queue, 64)).isEqualTo(1);

        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(1);
        assertThat(ctx.metrics(0).failed[0].get()).isEqualTo(1);
        assertThat(ctx.metrics(0).tasksCompleted.get()).isZero();
        assertThat(ctx.metrics(0).completed[0].get()).as("a failed request does not complete").isZero();
        assertThat(pool.free()).as("the job is back in the pool").isEqualTo(POOL);
        assertThat(ctx.errors()).singleElement().satisfies(e -> {
            assertThat(e.taskName()).isEqualTo("r0#0");
            assertThat(e.error()).isSameAs(error);
        });
        assertThat(ctx.runFailures()).isEmpty();
    }
}
