package io.crosskernel.kernels.general;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.testing.TestKernelContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class MultiWorkerGeneralKernelTest {
    private static final long NEVER = Long.MAX_VALUE;

    @Test
    void workerZeroRunsOneTaskPerCycleAndForwardsWhatOthersFinished() {
        ManualClock clock = new ManualClock(1_000);
        Route r = route(0, stage(0), stage(0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 2, clock, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 40, 0, NEVER)));
        GeneralKernel kernel = new GeneralKernel(new GeneralSettings(64, 64));
        kernel.onBoot(ctx);
        ctx.openSources(clock.nanoTime());

        kernel.doWork(0);
        assertThat(ctx.metrics(0).tasksCompleted.get()).isEqualTo(1);
        assertThat(ctx.sum(m -> m.generated, 0)).isEqualTo(40);

        for (int cycle = 0; cycle < 200 && kernel.jobsInFlight() > 0; cycle++) {
            long before = ctx.metrics(0).tasksCompleted.get();
            kernel.doWork(0);
            assertThat(ctx.metrics(0).tasksCompleted.get() - before).isLessThanOrEqualTo(1);
            kernel.doWork(1);
        }

        assertThat(kernel.jobsInFlight()).isZero();
        assertThat(ctx.sum(m -> m.completed, 0)).isEqualTo(40);
        assertThat(ctx.sum(m -> m.tasksCompleted)).isEqualTo(80);
        assertThat(ctx.metrics(1).tasksCompleted.get()).isGreaterThan(40);
        // Completion is counted by the dispatcher (worker 0), which forwards every finished job.
        assertThat(ctx.metrics(1).completed[0].get()).isZero();
    }

    @RepeatedTest(5)
    void fourWorkersOnThreadsCompleteEverythingAndEveryWorkerRunsTasks() throws Exception {
        Route pipeline = route(0, stage(0, 2_000, 1, 50), stage(0, 2_000, 1, 0));
        Route simple = route(1, stage(0, 1_000, 2, 0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 4, SystemNanoClock.INSTANCE, List.of(pipeline, simple))
                .source(new Source(pipeline, new BurstSchedule(0, 2_000, 0, NEVER)))
                .source(new Source(simple, new BurstSchedule(0, 2_000, 0, NEVER)));
        GeneralKernel kernel = new GeneralKernel(new GeneralSettings(1024, 64));
        kernel.onBoot(ctx);

        WorkerThreads threads = new WorkerThreads(kernel, 4);
        threads.start();
        ctx.openSources(SystemNanoClock.INSTANCE.nanoTime());
        boolean drained = await(Duration.ofSeconds(30), () -> threads.failure.get() != null
                || ctx.sum(m -> m.generated, 0) == 2_000 && ctx.sum(m -> m.generated, 1) == 2_000
                && ctx.sum(m -> m.completed, 0) + ctx.sum(m -> m.failed, 0) == 2_000
                && ctx.sum(m -> m.completed, 1) == 2_000);
        threads.stop();

        assertThat(threads.failure.get()).isNull();
        assertThat(drained).as("drained within the timeout").isTrue();
        assertThat(kernel.jobsInFlight()).isZero();
        assertThat(ctx.sum(m -> m.failed, 0)).isEqualTo(40);
        assertThat(ctx.sum(m -> m.tasksFailed)).isEqualTo(40);
        assertThat(ctx.sum(m -> m.tasksCompleted)).isEqualTo(1_960 + 1_960 + 2_000);
        assertThat(ctx.errors()).hasSize(40);
        for (int w = 0; w < 4; w++) {
            assertThat(ctx.metrics(w).tasksCompleted.get() + ctx.metrics(w).tasksFailed.get())
                    .as("tasks run by worker %d", w).isPositive();
        }
    }

    private static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    /** One unpinned thread per worker running the duty cycle until stopped; yields when idle. */
    private static final class WorkerThreads {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();
        private final CountDownLatch started;
        private volatile boolean running = true;

        WorkerThreads(GeneralKernel kernel, int workers) {
            started = new CountDownLatch(workers);
            for (int w = 0; w < workers; w++) {
                int worker = w;
                threads.add(new Thread(() -> {
                    try {
                        kernel.onWorkerStart(worker);
                        started.countDown();
                        while (running) {
                            if (kernel.doWork(worker) == 0) {
                                Thread.yield();
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }, "gp-worker-" + w));
            }
        }

        void start() throws InterruptedException {
            threads.forEach(Thread::start);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(t.isAlive()).as("%s stopped", t.getName()).isFalse();
            }
        }
    }
}
