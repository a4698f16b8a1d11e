package io.crosskernel.kernels.general;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Single-worker general kernels driven deterministically from the test thread, AgentInvoker style. */
class GeneralKernelTest {
    private static final long START = 1_000_000_000L;
    private static final long NEVER = Long.MAX_VALUE;

    private final ManualClock clock = new ManualClock(START);

    private static GeneralKernel boot(TestKernelContext context, int queueDepth, int batch) {
        GeneralKernel kernel = new GeneralKernel(new GeneralSettings(queueDepth, batch));
        kernel.onBoot(context);
        return kernel;
    }

    /** Runs one duty cycle of every kernel and advances time, until {@code done} or the cycle budget is spent. */
    private void driveUntil(BooleanSupplier done, int maxCycles, long stepNanos, GeneralKernel... kernels) {
        for (int cycle = 0; cycle < maxCycles && !done.getAsBoolean(); cycle++) {
            for (GeneralKernel kernel : kernels) {
                kernel.doWork(0);
            }
            clock.advance(stepNanos);
        }
        assertThat(done.getAsBoolean()).as("condition reached within %d cycles", maxCycles).isTrue();
    }

    @Test
    void accountsForEveryRequestOfASourceAndDrainsToZeroInFlight() {
        Route r = route(0, stage(0, 0, 1, 7), stage(0), stage(0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(r))
                .source(new Source(r, new ConstantRateSchedule(100, 0, NEVER)));
        GeneralKernel kernel = boot(ctx, 32, 8);
        ctx.openSources(clock.nanoTime());
        for (int cycle = 0; cycle < 5_000; cycle++) {
            kernel.doWork(0);
            clock.advance(1_000);
            assertThat(ctx.sum(m -> m.generated, 0)).isEqualTo(ctx.sum(m -> m.completed, 0)
                    + ctx.sum(m -> m.failed, 0) + ctx.sum(m -> m.dropped, 0) + kernel.jobsInFlight());
        }
        // The pool (32) is far smaller than the offered load (10 per cycle, 3 stages): it must have been full.
        long generatedWhileOpen = ctx.sum(m -> m.generated, 0);
        ctx.closeSources();
        driveUntil(() -> kernel.jobsInFlight() == 0, 1_000, 1_000, kernel);

        long generated = ctx.sum(m -> m.generated, 0);
        assertThat(generated).isEqualTo(generatedWhileOpen).isGreaterThan(1_000);
        assertThat(ctx.sum(m -> m.completed, 0) + ctx.sum(m -> m.failed, 0)).isEqualTo(generated);
        assertThat(ctx.sum(m -> m.failed, 0)).isEqualTo(generated / 7);
        assertThat(ctx.sum(m -> m.tasksCompleted)).isEqualTo(3 * generated - 3 * (generated / 7));
    }

    @Test
    void latencyIsMeasuredFromTheScheduledReleaseNotFromWhenTheKernelGotToIt() {
        Route r = route(0, stage(0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 10, 0, NEVER)));
        GeneralKernel kernel = boot(ctx, 64, 64);
        ctx.openSources(clock.nanoTime());
        clock.advance(5_000_000); // the kernel looks only 5 ms after the burst was due
        kernel.doWork(0);

        var histogram = io.crosskernel.api.metrics.LatencyRecorder.newAccumulator();
        ctx.metrics(0).endToEnd[0].drainInto(histogram);
        assertThat(histogram.getTotalCount()).isEqualTo(10);
        assertThat(histogram.getMinValue()).isGreaterThanOrEqualTo(4_990_000);
    }

    @Test
    void twoStageRouteAcrossTwoKernelsDeliversEverything() {
        Route r = route(0, stage(0), stage(1));
        TestChannel channel = new TestChannel(0, 1, 16, BackpressurePolicy.RETRY);
        TestKernelContext a = new TestKernelContext(0, "a", 1, clock, List.of(r))
                .source(new Source(r, new ConstantRateSchedule(500, 0, 1_000_000))).outbound(channel);
        TestKernelContext b = new TestKernelContext(1, "b", 1, clock, List.of(r)).inbound(channel);
        GeneralKernel ka = boot(a, 64, 8);
        GeneralKernel kb = boot(b, 64, 8);
        a.openSources(clock.nanoTime());

        driveUntil(() -> b.sum(m -> m.completed, 0) == 2_000, 10_000, 1_000, ka, kb);

        assertThat(a.sum(m -> m.generated, 0)).isEqualTo(2_000);
        assertThat(a.sum(m -> m.messagesOut)).isEqualTo(2_000);
        assertThat(b.sum(m -> m.messagesIn)).isEqualTo(2_000);
        assertThat(channel.offered).isEqualTo(2_000);
        assertThat(channel.drained).isEqualTo(2_000);
        assertThat(a.sum(m -> m.completed, 0)).isZero();
        assertThat(ka.jobsInFlight()).isZero();
        assertThat(kb.jobsInFlight()).isZero();
    }

    @Test
    void retryBackpressureHoldsMessagesThenDeliversThemInOrder() {
        Route r = route(0, stage(0), stage(1));
        TestChannel channel = new TestChannel(0, 1, 2, BackpressurePolicy.RETRY).logDelivered();
        TestKernelContext a = new TestKernelContext(0, "a", 1, clock, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 200, 0, NEVER))).outbound(channel);
        TestKernelContext b = new TestKernelContext(1, "b", 1, clock, List.of(r)).inbound(channel);
        GeneralKernel ka = boot(a, 256, 64);
        GeneralKernel kb = boot(b, 16, 1);
        a.openSources(clock.nanoTime());
        WorkerMetrics am = a.metrics(0);

        long maxHeld = 0;
        for (int cycle = 0; cycle < 2_000 && b.sum(m -> m.completed, 0) < 200; cycle++) {
            ka.doWork(0);
            maxHeld = Math.max(maxHeld, am.heldForRetry.get());
            assertThat(am.heldForRetry.get()).isEqualTo(ka.heldForRetry());
            if (cycle % 3 == 0) {
                kb.doWork(0); // the receiver is three times slower than the sender
            }
            clock.advance(1_000);
        }

        assertThat(b.sum(m -> m.completed, 0)).isEqualTo(200);
        assertThat(maxHeld).isGreaterThan(100);
        assertThat(am.backpressureEvents.get()).isGreaterThan(0);
        assertThat(am.heldForRetry.get()).isZero();
        assertThat(a.sum(m -> m.dropped, 0)).isZero();
        assertThat(channel.deliveredIds()).containsExactlyElementsOf(
                LongStream.range(0, 200).boxed().collect(Collectors.toList()));
    }

    @Test
    void dropNewestChannelCountsEveryDroppedRequest() {
        Route r = route(0, stage(0), stage(1));
        TestChannel channel = new TestChannel(0, 1, 4, BackpressurePolicy.DROP_NEWEST);
        TestKernelContext a = new TestKernelContext(0, "a", 1, clock, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 300, 0, NEVER))).outbound(channel);
        TestKernelContext b = new TestKernelContext(1, "b", 1, clock, List.of(r)).inbound(channel);
        GeneralKernel ka = boot(a, 512, 64);
        GeneralKernel kb = boot(b, 16, 2);
        a.openSources(clock.nanoTime());

        driveUntil(() -> a.sum(m -> m.generated, 0) == 300 && ka.jobsInFlight() == 0 && channel.size() == 0,
                1_000, 1_000, ka, kb);
        driveUntil(() -> kb.jobsInFlight() == 0, 100, 1_000, kb);

        long dropped = a.sum(m -> m.dropped, 0);
        assertThat(dropped).isGreaterThan(0).isEqualTo(channel.rejected);
        assertThat(b.sum(m -> m.completed, 0) + dropped).isEqualTo(300);
        assertThat(a.sum(m -> m.backpressureEvents)).isZero();
    }

    @Test
    void failingTasksAreCountedAndReportedWhileTheOthersCarryOn() {
        Route failing = route(0, stage(0, 0, 1, 4));
        Route healthy = route(1, stage(0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(failing, healthy))
                .source(new Source(failing, new BurstSchedule(0, 100, 0, NEVER)))
                .source(new Source(healthy, new BurstSchedule(0, 100, 0, NEVER)));
        GeneralKernel kernel = boot(ctx, 64, 16);
        ctx.openSources(clock.nanoTime());

        driveUntil(() -> ctx.sum(m -> m.generated, 0) == 100 && ctx.sum(m -> m.generated, 1) == 100
                && kernel.jobsInFlight() == 0, 1_000, 1_000, kernel);

        WorkerMetrics m = ctx.metrics(0);
        assertThat(m.failed[0].get()).isEqualTo(25);
        assertThat(m.completed[0].get()).isEqualTo(75);
        assertThat(m.completed[1].get()).isEqualTo(100);
        assertThat(m.failed[1].get()).isZero();
        assertThat(m.tasksFailed.get()).isEqualTo(25);
        assertThat(m.tasksCompleted.get()).isEqualTo(175);
        assertThat(ctx.errors()).hasSize(25).allSatisfy(e -> {
            assertThat(e.worker()).isZero();
            assertThat(e.taskName()).isEqualTo("r0#0");
            assertThat(e.error()).isSameAs(InjectedFault.INSTANCE);
        });
    }

    @Test
    void requestWithNoChannelToItsNextKernelIsDroppedAndReported() {
        Route r = route(0, stage(0), stage(3));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 5, 0, NEVER)));
        GeneralKernel kernel = boot(ctx, 16, 16);
        ctx.openSources(clock.nanoTime());

        kernel.doWork(0);

        assertThat(ctx.sum(m -> m.dropped, 0)).isEqualTo(5);
        assertThat(kernel.jobsInFlight()).isZero();
        assertThat(ctx.errors()).hasSize(5).allSatisfy(e -> assertThat(e.error())
                .hasMessageContaining("no channel to kernel k3"));
    }

    @Test
    void deadlineMissesAreCountedAgainstTheRelease() {
        Route r = new Route(0, "tight", "stream", List.of(stage(0)), 1_000_000);
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(r))
                .source(new Source(r, new BurstSchedule(0, 3, 0, NEVER)));
        GeneralKernel kernel = boot(ctx, 16, 16);
        ctx.openSources(clock.nanoTime());
        clock.advance(2_000_000);

        kernel.doWork(0);

        assertThat(ctx.metrics(0).completed[0].get()).isEqualTo(3);
        assertThat(ctx.metrics(0).deadlineMisses[0].get()).isEqualTo(3);
    }

    @Test
    void sourcesReleaseNothingBeforeTheRunStartsOrAfterTheyClose() {
        Route r = route(0, stage(0));
        TestKernelContext ctx = new TestKernelContext(0, "gp", 1, clock, List.of(r))
                .source(new Source(r, new ConstantRateSchedule(1_000, 0, NEVER)));
        GeneralKernel kernel = boot(ctx, 64, 64);
        clock.advance(10_000);
        assertThat(kernel.doWork(0)).isZero();

        ctx.openSources(clock.nanoTime());
        clock.advance(9_500);
        kernel.doWork(0);
        assertThat(ctx.sum(m -> m.generated, 0)).isEqualTo(10);

        ctx.closeSources();
        clock.advance(100_000);
        kernel.doWork(0);
        assertThat(ctx.sum(m -> m.generated, 0)).isEqualTo(10);
    }
}
