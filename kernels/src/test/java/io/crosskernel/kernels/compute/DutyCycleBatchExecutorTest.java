package io.crosskernel.kernels.compute;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Clock;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.testing.TestKernelContext;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compute kernel when the host allows no thread of its own (a simulated run): its workers run the chunks in their
 * duty cycles, on the caller's thread, and the chunks' cost is the clock's time, which here jumps as a virtual clock
 * does.
 */
@Timeout(30)
class DutyCycleBatchExecutorTest {
    private static final long NEVER = Long.MAX_VALUE;

    /** A clock that jumps to the deadline of every spin, as the simulation's does; one thread. */
    private static final class JumpingClock implements Clock {
        long now = 1_000_000;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void spinUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos);
        }
    }

    @Test
    void theWorkersRunEveryChunkInTheirDutyCyclesAndStartNoThread() {
        JumpingClock clock = new JumpingClock();
        Route r = route(0, stage(0, 3_000, 1, 0));
        TestKernelContext ctx = new TestKernelContext(0, "cpu", 3, clock, List.of(r)).withoutThreads()
                .source(new Source(r, new BurstSchedule(0, 10, 0, NEVER)));
        ComputeKernel kernel = new ComputeKernel(new ComputeSettings(6, 4, 64, 64));
        kernel.onBoot(ctx);
        try {
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("compute-cpu"));
            ctx.openSources(clock.nanoTime());

            // Worker 0 releases the burst and submits 4 batches (maxInFlight) of 6 chunks; that cycle runs no chunk.
            assertThat(kernel.doWork(0)).isPositive();
            assertThat(kernel.chunksRun()).isZero();
            int cycles = 0;
            while (ctx.sum(m -> m.completed, 0) < 10 && cycles++ < 1_000) {
                for (int worker = 0; worker < 3; worker++) {
                    kernel.doWork(worker);
                }
            }
            assertThat(ctx.sum(m -> m.completed, 0)).isEqualTo(10);
            assertThat(kernel.chunksRun()).isEqualTo(10 * 6);
            assertThat(kernel.batchesCompleted()).isEqualTo(10);
            // Chunks ran on workers 1 and 2 as well: the steals the report shows.
            assertThat(kernel.steals()).isPositive();
            assertThat(kernel.pins()).isEmpty();
            // Nothing left: no worker finds a chunk.
            assertThat(kernel.doWork(1)).isZero();
            assertThat(kernel.doWork(2)).isZero();
            // A batch's time is its chunks' cost: each 500 ns chunk moved the clock (10 x 3 us of work in all).
            Histogram latency = LatencyRecorder.newAccumulator();
            ctx.metrics(0).taskLatency.drainInto(latency);
            assertThat(latency.getTotalCount()).isEqualTo(10);
            assertThat(latency.getMinValue()).isGreaterThanOrEqualTo(3_000);
            assertThat(clock.now - 1_000_000).isGreaterThanOrEqualTo(10 * 3_000);
        } finally {
            kernel.onShutdown();
        }
        assertThat(kernel.poolTerminated()).isTrue();
    }
}
