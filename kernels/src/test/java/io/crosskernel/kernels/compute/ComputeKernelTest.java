package io.crosskernel.kernels.compute;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Clock;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.kernels.common.SyntheticTask;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compute kernel with real ForkJoinPool threads; worker 0 is driven from the test thread (the host's other
 * workers have nothing to do on this kernel).
 */
@Timeout(60)
class ComputeKernelTest {
    private static final long NEVER = Long.MAX_VALUE;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Clock CLOCK = SystemNanoClock.INSTANCE;

    private ComputeKernel kernel;

    @AfterEach
    void shutDown() {
        if (kernel != null) {
            kernel.onShutdown();
        }
    }

    private ComputeKernel boot(TestKernelContext ctx, ComputeSettings settings, ChunkWork work) {
        kernel = new ComputeKernel(settings, work);
        kernel.onBoot(ctx);
        return kernel;
    }

    /** Runs worker 0's duty cycle (and worker 1's, which must stay idle) until {@code done} or the timeout. */
    private static boolean dispatchUntil(ComputeKernel kernel, BooleanSupplier done) {
        long deadline = CLOCK.nanoTime() + TIMEOUT_NANOS;
        while (!done.getAsBoolean()) {
            if (CLOCK.nanoTime() > deadline) {
                return false;
            }
            if (kernel.doWork(0) == 0) {
                Thread.yield();
            }
        }
        return true;
    }

    private static long count(LatencyRecorder recorder) {
        Histogram h = LatencyRecorder.newAccumulator();
        recorder.drainInto(h);
        return h.getTotalCount();
    }

    /** Counts every chunk run, then spins its share. */
    private static final class CountingSpin implements ChunkWork {
        final LongAdder chunks = new LongAdder();

        @Override
        public void run(Clock clock, int chunk, long costNanos, boolean fail) {
            chunks.increment();
            SyntheticTask.run(clock, clock.nanoTime(), costNanos, fail);
        }
    }

    @RepeatedTest(3)
    void everyBatchCompletesExactlyOnceAndIsForwardedOverTheChannel() {
        Route r = route(0, stage(0, 40_000, 1, 0), stage(1));
        TestChannel out = new TestChannel(0, 1, 1024, BackpressurePolicy.RETRY).logDelivered();
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(r)).outbound(out)
                .source(new Source(r, new BurstSchedule(0, 600, 0, NEVER)));
        CountingSpin work = new CountingSpin();
        ComputeKernel k = boot(ctx, new ComputeSettings(8, 16, 1024, 64), work);
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> out.size() == 600 && k.jobsInFlight() == 0)).isTrue();
        assertThat(k.doWork(1)).isZero();

        assertThat(out.offered).isEqualTo(600);
        out.drain(envelope -> { }, 1024);
        assertThat(new HashSet<>(out.deliveredIds())).hasSize(600);
        assertThat(work.chunks.sum()).isEqualTo(600 * 8);
        assertThat(k.chunksRun()).isEqualTo(600 * 8);
        assertThat(k.batchesCompleted()).isEqualTo(600);
        assertThat(ctx.metrics(0).tasksCompleted.get()).isEqualTo(600);
        assertThat(ctx.metrics(0).messagesOut.get()).isEqualTo(600);
        assertThat(ctx.sum(m -> m.generated, 0)).isEqualTo(600);
        // Worker 0 does all accounting: the idle worker's metrics stay untouched.
        assertThat(ctx.metrics(1).tasksCompleted.get()).isZero();
        assertThat(count(ctx.metrics(0).lateness[0])).isEqualTo(600);
        assertThat(count(ctx.metrics(0).stageLatency[0][0])).isEqualTo(600);
        assertThat(count(ctx.metrics(0).taskLatency)).isEqualTo(600);
        assertThat(ctx.errors()).isEmpty();
    }

    @Test
    void aBatchTakesAtLeastItsCostSharedOverTheCores() {
        Route r = route(0, stage(0, 2_000_000, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 1, 0, NEVER)));
        ComputeKernel k = boot(ctx, new ComputeSettings(8, 4, 64, 64), ChunkWork.SPIN);
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> ctx.sum(m -> m.completed, 0) == 1)).isTrue();
        Histogram h = LatencyRecorder.newAccumulator();
        ctx.metrics(0).taskLatency.drainInto(h);
        // 8 chunks of 250us on at most 2 threads: at least 4 chunks back to back on one of them.
        assertThat(h.getMaxValue()).isGreaterThanOrEqualTo(1_000_000 - 10_000);
    }

    @RepeatedTest(3)
    void aThrowingChunkFailsOnlyItsJobAndTheOtherChunksStillRun() {
        Route r = route(0, stage(0, 8_000, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 300, 0, NEVER)));
        AtomicBoolean thrown = new AtomicBoolean();
        LongAdder chunks = new LongAdder();
        RuntimeException boom = new IllegalStateException("chunk exploded");
        ChunkWork work = (clock, chunk, cost, fail) -> {
            chunks.increment();
            if (chunk == 3 && thrown.compareAndSet(false, true)) {
                throw boom;
            }
            SyntheticTask.run(clock, clock.nanoTime(), cost, fail);
        };
        ComputeKernel k = boot(ctx, new ComputeSettings(8, 8, 512, 64), work);
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> ctx.sum(m -> m.generated, 0) == 300 && k.jobsInFlight() == 0)).isTrue();

        assertThat(ctx.sum(m -> m.failed, 0)).isEqualTo(1);
        assertThat(ctx.sum(m -> m.completed, 0)).isEqualTo(299);
        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(1);
        assertThat(k.batchesFailed()).isEqualTo(1);
        assertThat(chunks.sum()).isEqualTo(300 * 8);
        assertThat(ctx.errors()).singleElement().satisfies(e -> {
            assertThat(e.worker()).isZero();
            assertThat(e.taskName()).isEqualTo("r0#0");
            assertThat(e.error()).isSameAs(boom);
        });
    }

    @Test
    void faultInjectionFailsEveryNthJobAndTheAccountingIdentityHolds() {
        Route pipeline = route(0, stage(0, 10_000, 1, 7), stage(0, 5_000, 1, 0));
        Route single = route(1, stage(0, 20_000, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(pipeline, single))
                .source(new Source(pipeline, new BurstSchedule(0, 350, 0, NEVER)))
                .source(new Source(single, new BurstSchedule(0, 200, 0, NEVER)));
        ComputeKernel k = boot(ctx, new ComputeSettings(0, 64, 128, 16), ChunkWork.SPIN);
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> ctx.sum(m -> m.generated, 0) == 350
                && ctx.sum(m -> m.generated, 1) == 200 && k.jobsInFlight() == 0)).isTrue();

        for (int route = 0; route < 2; route++) {
            int r = route;
            long generated = ctx.sum(m -> m.generated, r);
            assertThat(ctx.sum(m -> m.completed, r) + ctx.sum(m -> m.failed, r) + ctx.sum(m -> m.dropped, r))
                    .as("route %d balances", r).isEqualTo(generated);
        }
        assertThat(ctx.sum(m -> m.failed, 0)).isEqualTo(50);
        assertThat(ctx.sum(m -> m.completed, 0)).isEqualTo(300);
        assertThat(ctx.sum(m -> m.completed, 1)).isEqualTo(200);
        // 350 first stages, 300 second stages, 200 single-stage jobs.
        assertThat(k.batchesCompleted() + k.batchesFailed()).isEqualTo(850);
        assertThat(ctx.metrics(0).tasksFailed.get()).isEqualTo(50);
        assertThat(ctx.errors()).hasSize(50).allSatisfy(e -> assertThat(e.error()).isSameAs(InjectedFault.INSTANCE));
        // Default split is 4 x cores.
        assertThat(k.chunksRun()).isEqualTo(850L * 8);
    }

    @Test
    void keepsAtMostMaxInFlightJobsInThePool() throws Exception {
        Route r = route(0, stage(0, 0, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 40, 0, NEVER)));
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        ChunkWork work = (clock, chunk, cost, fail) -> {
            started.incrementAndGet();
            try {
                gate.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ComputeKernel k = boot(ctx, new ComputeSettings(2, 3, 64, 64), work);
        ctx.openSources(CLOCK.nanoTime());

        for (int i = 0; i < 10; i++) {
            k.doWork(0);
        }
        assertThat(ctx.sum(m -> m.generated, 0)).isEqualTo(40);
        assertThat(k.batchesRunning()).isEqualTo(3);
        assertThat(k.jobsInFlight()).isEqualTo(40);
        assertThat(started.get()).isLessThanOrEqualTo(3 * 2);
        gate.countDown();

        assertThat(dispatchUntil(k, () -> {
            assertThat(k.batchesRunning()).isLessThanOrEqualTo(3);
            return ctx.sum(m -> m.completed, 0) == 40;
        })).isTrue();
        assertThat(started.get()).isEqualTo(40 * 2);
        assertThat(k.jobsInFlight()).isZero();
    }

    @Test
    void idleChunksAreStolenWhenChunkCostsAreUneven() {
        Route r = route(0, stage(0, 8 * 50_000, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 40, 0, NEVER)));
        // Chunk 0 forks the others onto its own thread's deque, then runs ten times longer than they do: any of them
        // that runs on another thread was stolen. One batch at a time (maxInFlight 1), so "the batch's chunk 0
        // thread" is well defined; the fork publishes it to the other chunks. On a loaded machine the pool's other
        // thread may get no CPU for the whole burst, so the first batch's chunk 0 also waits (up to 10 s) for a
        // steal: with a pool that steals, it comes once that thread runs; with one that does not, never.
        AtomicReference<Thread> forker = new AtomicReference<>();
        LongAdder stolen = new LongAdder();
        AtomicBoolean firstBatch = new AtomicBoolean(true);
        ChunkWork uneven = (clock, chunk, cost, fail) -> {
            if (chunk == 0) {
                forker.set(Thread.currentThread());
            } else if (forker.get() != Thread.currentThread()) {
                stolen.increment();
            }
            SyntheticTask.run(clock, clock.nanoTime(), chunk == 0 ? cost * 10 : cost, fail);
            if (chunk == 0 && firstBatch.getAndSet(false)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (stolen.sum() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        };
        ComputeKernel k = boot(ctx, new ComputeSettings(8, 1, 64, 64), uneven);
        long stealsBefore = k.steals();
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> ctx.sum(m -> m.completed, 0) == 40)).isTrue();
        assertThat(stolen.sum()).as("chunks run by a thread other than the one that forked them").isPositive();
        // The pool's own estimate also counts each chunk 0 taken from the submission queue (JDK 17).
        assertThat(k.steals() - stealsBefore).isPositive();
    }

    @Test
    void runsNextStageLocallyAndReportsItsFigures() {
        Route r = route(0, stage(0, 4_000, 1, 0), stage(0, 4_000, 1, 0), stage(0, 4_000, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 2, CLOCK, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 100, 0, NEVER)));
        ComputeKernel k = boot(ctx, new ComputeSettings(4, 64, 256, 64), ChunkWork.SPIN);
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> ctx.sum(m -> m.completed, 0) == 100)).isTrue();
        assertThat(k.jobsInFlight()).isZero();
        Map<String, Object> stats = k.stats();
        assertThat(stats).containsEntry("parallelism", 2).containsEntry("chunksPerBatch", 4)
                .containsEntry("maxInFlight", 64).containsEntry("batchesCompleted", 300L)
                .containsEntry("batchesFailed", 0L).containsEntry("chunksRun", 1200L)
                .containsKeys("steals", "poolThreads");
        assertThat(count(ctx.metrics(0).lateness[0])).isEqualTo(100);
        assertThat(count(ctx.metrics(0).stageLatency[0][2])).isEqualTo(100);
    }

    @Test
    void pinsEveryPoolThreadOrSaysWhyNotAndShutsThePoolDown() {
        Route r = route(0, stage(0, 1_000, 1, 0));
        // Three cores: on a machine with fewer CPUs the third pin fails, and the kernel must run anyway.
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 3, CLOCK, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 20, 0, NEVER)));
        ComputeKernel k = boot(ctx, new ComputeSettings(0, 64, 64, 64), ChunkWork.SPIN);
        ctx.openSources(CLOCK.nanoTime());

        assertThat(dispatchUntil(k, () -> ctx.sum(m -> m.completed, 0) == 20)).isTrue();
        List<ForkJoinPin> pins = k.pins();
        assertThat(pins).isNotEmpty().allSatisfy(p -> {
            assertThat(p.cpu()).isBetween(0, 2);
            assertThat(p.thread()).startsWith("compute-cpu-fj");
            if (p.pinned()) {
                assertThat(p.grantedCpus()).containsExactly(p.cpu());
                assertThat(p.detail()).isEqualTo("pinned to CPU " + p.cpu());
            } else {
                assertThat(p.detail()).startsWith("unpinned");
            }
        });
        // The k-th thread asks for cores.get(k % n).
        for (int i = 0; i < pins.size(); i++) {
            String name = pins.get(i).thread();
            int index = Integer.parseInt(name.substring(name.lastIndexOf("fj") + 2));
            assertThat(pins.get(i).cpu()).isEqualTo(index % 3);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> threads = (List<Map<String, Object>>) k.stats().get("poolThreads");
        assertThat(threads).hasSameSizeAs(pins);
        for (int i = 0; i < pins.size(); i++) {
            assertThat(threads.get(i)).containsEntry("name", pins.get(i).thread())
                    .containsEntry("cpu", pins.get(i).cpu()).containsEntry("grantedCpus", pins.get(i).grantedCpus())
                    .containsEntry("pinned", pins.get(i).pinned()).containsEntry("detail", pins.get(i).detail());
        }

        k.onShutdown();
        assertThat(k.poolTerminated()).isTrue();
    }
}
