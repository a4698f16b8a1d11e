package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.kernels.common.InjectedFault;
import io.crosskernel.kernels.testsupport.SteppingClock;
import io.crosskernel.kernels.testsupport.TestChannel;
import io.crosskernel.kernels.testsupport.TestKernelContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** One realtime kernel driven from the test thread in virtual time (a {@link ManualClock} and a clock-advancing job). */
class RealtimeKernelTest {
    private static final long START = 1_000_000_000L;
    private static final long NEVER = Long.MAX_VALUE;
    private static final long MS = 1_000_000;
    private static final long US = 1_000;
    private static final int RT = 0;
    private static final int UP = 1;
    private static final int DOWN = 2;

    private final ManualClock clock = new ManualClock(START);

    private static Stage on(int kernel, long cost, long failEvery) {
        return new Stage(kernel, "k" + kernel, cost, 1, failEvery);
    }

    private static RealtimeSettings settings(String policy, long spinAhead, long slack, Map<String, Long> sporadic) {
        return new RealtimeSettings(RtPolicy.parse(policy), spinAhead, slack, sporadic, 64);
    }

    private RealtimeKernel boot(TestKernelContext context, RealtimeSettings settings, long extraNanos) {
        RealtimeKernel kernel = new RealtimeKernel(settings, new ManualClockWork(clock, extraNanos));
        kernel.onBoot(context);
        return kernel;
    }

    /** Duty cycles until the clock reaches {@code until}; an idle cycle moves time on by {@code step}. */
    private void drive(RealtimeKernel kernel, long until, long step, Runnable perCycle) {
        while (clock.nanoTime() < until) {
            perCycle.run();
            if (kernel.doWork(0) == 0) {
                clock.advance(step);
            }
        }
    }

    private static long count(LatencyRecorder recorder) {
        Histogram h = LatencyRecorder.newAccumulator();
        recorder.drainInto(h);
        return h.getTotalCount();
    }

    @Test
    void periodicReleasesCarryRequestsStartOnTimeAndStopWhenSourcesClose() {
        Route control = new Route(0, "control", "periodic", List.of(on(RT, 50 * US, 0)), MS);
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, clock, List.of(control))
                .source(new Source(control, new ConstantRateSchedule(MS, 200 * US, NEVER)));
        RealtimeKernel kernel = boot(ctx, settings("edf", 0, 10 * US, Map.of()), 0);

        assertThat(kernel.doWork(0)).as("nothing runs before the sources open").isZero();
        ctx.openSources(clock.nanoTime());
        drive(kernel, START + 10 * MS, 10 * US, () -> { });
        ctx.closeSources();
        drive(kernel, START + 15 * MS, 10 * US, () -> { });

        WorkerMetrics m = ctx.metrics(0);
        RtTaskMetrics task = kernel.taskMetrics(0);
        // Releases at 0.2ms, 1.2ms, ..., 9.2ms: ten, and none after the sources closed at 10ms.
        assertThat(m.generated[0].get()).isEqualTo(10);
        assertThat(m.completed[0].get()).isEqualTo(10);
        assertThat(task.released.get()).isEqualTo(10);
        assertThat(task.completed.get()).isEqualTo(10);
        assertThat(m.tasksCompleted.get()).isEqualTo(10);
        assertThat(m.deadlineMisses[0].get()).isZero();
        assertThat(m.budgetOverruns[0].get()).isZero();
        assertThat(count(m.lateness[0])).isEqualTo(10);
        assertThat(count(m.endToEnd[0])).isEqualTo(10);
        // Virtual time: every release is polled exactly at its instant, so it starts with zero lateness.
        assertThat(task.latenessMaxNanos()).isZero();
        assertThat(task.responseMaxNanos()).isEqualTo(50 * US);
        assertThat(kernel.jobsInFlight()).isZero();

        Map<String, Object> stats = kernel.stats();
        assertThat(stats).containsEntry("policy", "edf").containsEntry("preemption", "non-preemptive")
                .containsEntry("schedulable", true);
        assertThat((Double) stats.get("utilisation")).isEqualTo(0.05, within(1e-12));
        assertThat((String) stats.get("admission")).startsWith("schedulable");
        Map<String, Object> taskFigures = onlyTask(stats);
        assertThat(taskFigures).containsEntry("name", "control").containsEntry("workload", "control")
                .containsEntry("stage", 0).containsEntry("released", 10L).containsEntry("completed", 10L)
                .containsEntry("failed", 0L).containsEntry("deadlineMisses", 0L).containsEntry("budgetOverruns", 0L)
                .containsEntry("executionMaxNanos", 50 * US).containsEntry("sporadic", false)
                .containsEntry("periodNanos", MS).containsEntry("costNanos", 50 * US)
                .containsEntry("deadlineNanos", MS).containsEntry("wcrtNanos", null);
        Histogram lateness = (Histogram) taskFigures.get("latenessNanos");
        assertThat(lateness.getTotalCount()).isEqualTo(10);
        assertThat(lateness.getMaxValue()).isZero();
        assertThat(((Histogram) taskFigures.get("responseNanos")).getTotalCount()).isEqualTo(10);
        // The figures are the same however often the host asks (the recorders are read once into totals).
        assertThat(((Histogram) onlyTask(kernel.stats()).get("latenessNanos")).getTotalCount()).isEqualTo(10);
    }

    /** Upstream kernel 1 sends stage 1 of 'r' here; stage 2 runs on kernel 2. */
    private record Pipeline(TestKernelContext ctx, TestChannel in, TestChannel out) {
    }

    private Pipeline pipeline(List<Route> routes) {
        TestChannel in = new TestChannel(UP, RT, 256, BackpressurePolicy.RETRY);
        TestChannel out = new TestChannel(RT, DOWN, 256, BackpressurePolicy.RETRY).logDelivered();
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, clock, routes).inbound(in).outbound(out);
        ctx.openSources(START);
        return new Pipeline(ctx, in, out);
    }

    private void send(TestChannel in, long requestId, int routeId) {
        Envelope e = new Envelope();
        e.requestId = requestId;
        e.traceId = requestId;
        e.routeId = routeId;
        e.stage = 1;
        e.originNanos = clock.nanoTime() - 5 * US;
        e.sentNanos = clock.nanoTime();
        e.payload = requestId * 10;
        in.offer(e);
    }

    @Test
    void messagesBecomeSporadicJobsThatKeepTheirIdentityAndMinimumInterArrival() {
        Route r = new Route(0, "r", "stream", List.of(on(UP, 0, 0), on(RT, 20 * US, 0), on(DOWN, 0, 0)), 0);
        Pipeline p = pipeline(List.of(r));
        RealtimeKernel kernel = boot(p.ctx(), settings("edf", 0, 10 * US, Map.of("r", 100 * US)), 0);

        for (int i = 0; i < 20; i++) {
            send(p.in(), 1000 + i, 0);
        }
        List<Integer> stages = new ArrayList<>();
        List<Long> payloads = new ArrayList<>();
        drive(kernel, START + 5 * MS, US, () -> p.out().drain(e -> {
            stages.add(e.stage);
            payloads.add(e.payload);
        }, 256));

        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            expected.add(1000 + i);
        }
        assertThat(p.out().deliveredIds()).isEqualTo(expected);
        assertThat(stages).containsOnly(2);
        assertThat(payloads).first().isEqualTo(10_000L);
        RtTaskMetrics task = kernel.taskMetrics(0);
        // All twenty arrived together: the first ran at once, the other 19 were deferred 100us apart.
        assertThat(task.earlyArrivals.get()).isEqualTo(19);
        assertThat(task.completed.get()).isEqualTo(20);
        assertThat(task.latenessMaxNanos()).isZero();
        assertThat(task.responseMaxNanos()).isEqualTo(20 * US);
        WorkerMetrics m = p.ctx().metrics(0);
        assertThat(m.messagesIn.get()).isEqualTo(20);
        assertThat(m.messagesOut.get()).isEqualTo(20);
        assertThat(count(m.taskLatency)).isEqualTo(20);
        assertThat(count(m.stageLatency[0][1])).isEqualTo(20);
        assertThat(kernel.jobsInFlight()).isZero();
    }

    @Test
    void thePolicyDecidesWhichReadyJobRunsFirst() {
        // 'lax' arrives first, 'urgent' right behind it: EDF runs 'urgent' (deadline 1ms) before 'lax' (10ms); RM
        // runs 'lax' first because its minimum inter-arrival (100us) is the shorter "period".
        for (String policy : List.of("edf", "rm")) {
            Route lax = new Route(0, "lax", "stream", List.of(on(UP, 0, 0), on(RT, 10 * US, 0), on(DOWN, 0, 0)),
                    10 * MS);
            Route urgent = new Route(1, "urgent", "stream",
                    List.of(on(UP, 0, 0), on(RT, 10 * US, 0), on(DOWN, 0, 0)), MS);
            Pipeline p = pipeline(List.of(lax, urgent));
            RealtimeKernel kernel = boot(p.ctx(), settings(policy, 0, 10 * US,
                    Map.of("lax", 100 * US, "urgent", 2 * MS)), 0);
            send(p.in(), 1, 0);
            send(p.in(), 2, 1);
            drive(kernel, clock.nanoTime() + MS, US, () -> p.out().drain(e -> { }, 16));
            assertThat(p.out().deliveredIds()).as(policy).containsExactly(policy.equals("edf") ? 2L : 1L,
                    policy.equals("edf") ? 1L : 2L);
        }
    }

    @Test
    void aJobThatThrowsIsCountedReportedAndTheKernelCarriesOn() {
        Route flaky = new Route(0, "flaky", "periodic", List.of(on(RT, 20 * US, 3)), MS);
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, clock, List.of(flaky))
                .source(new Source(flaky, new ConstantRateSchedule(MS, 0, NEVER)));
        RealtimeKernel kernel = boot(ctx, settings("dm", 0, 10 * US, Map.of()), 0);
        ctx.openSources(START);
        drive(kernel, START + 9 * MS - 1, 10 * US, () -> { });
        ctx.closeSources();
        drive(kernel, START + 12 * MS, 10 * US, () -> { });

        WorkerMetrics m = ctx.metrics(0);
        assertThat(m.generated[0].get()).isEqualTo(9);
        assertThat(m.failed[0].get()).isEqualTo(3);
        assertThat(m.completed[0].get()).isEqualTo(6);
        assertThat(m.tasksFailed.get()).isEqualTo(3);
        assertThat(kernel.taskMetrics(0).failed.get()).isEqualTo(3);
        assertThat(ctx.errors()).hasSize(3).allSatisfy(e -> {
            assertThat(e.error()).isSameAs(InjectedFault.INSTANCE);
            assertThat(e.taskName()).isEqualTo("flaky");
        });
        assertThat(kernel.jobsInFlight()).isZero();
        assertThat(onlyTask(kernel.stats())).containsEntry("name", "flaky").containsEntry("failed", 3L);
    }

    @Test
    void aJobThatThrowsAnErrorGivesBackItsRequestAndAVirtualMachineErrorFailsTheRunOnce() {
        Route flaky = new Route(0, "flaky", "periodic", List.of(on(RT, 20 * US, 3)), MS);
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, clock, List.of(flaky))
                .source(new Source(flaky, new ConstantRateSchedule(MS, 0, NEVER)));
        AssertionError assertion = new AssertionError("broken invariant");
        int[] faults = {0};
        StageWork work = (ignored, start, cost, fail) -> {
            clock.advance(cost);
            if (fail) {
                // The first injected fault is an ordinary Error, the later ones an out-of-memory error.
                throw faults[0]++ == 0 ? assertion : new OutOfMemoryError("Java heap space");
            }
        };
        RealtimeKernel kernel = new RealtimeKernel(settings("edf", 0, 10 * US, Map.of()), work);
        kernel.onBoot(ctx);
        ctx.openSources(START);
        drive(kernel, START + 9 * MS - 1, 10 * US, () -> { });
        ctx.closeSources();
        drive(kernel, START + 12 * MS, 10 * US, () -> { });

        WorkerMetrics m = ctx.metrics(0);
        assertThat(m.failed[0].get()).isEqualTo(3);
        assertThat(m.completed[0].get()).isEqualTo(6);
        assertThat(kernel.taskMetrics(0).failed.get()).isEqualTo(3);
        assertThat(kernel.jobsInFlight()).as("every request, failed or not, back in the pool").isZero();
        assertThat(ctx.errors()).singleElement().satisfies(e -> assertThat(e.error()).isSameAs(assertion));
        assertThat(ctx.runFailures()).singleElement()
                .satisfies(reason -> assertThat(reason).contains("flaky", "OutOfMemoryError"));
    }

    @Test
    void executionBeyondCostPlusSlackIsABudgetOverrun() {
        Route slow = new Route(0, "slow", "periodic", List.of(on(RT, 20 * US, 0)), MS);
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, clock, List.of(slow))
                .source(new Source(slow, new ConstantRateSchedule(MS, 0, NEVER)));
        // Each job runs 15us longer than its cost: beyond a 10us slack, within a 20us one.
        RealtimeKernel strict = boot(ctx, settings("edf", 0, 10 * US, Map.of()), 15 * US);
        ctx.openSources(START);
        drive(strict, START + 5 * MS - 1, 10 * US, () -> { });
        assertThat(ctx.metrics(0).budgetOverruns[0].get()).isEqualTo(5);
        assertThat(strict.taskMetrics(0).budgetOverruns.get()).isEqualTo(5);

        ManualClock other = new ManualClock(START);
        TestKernelContext ctx2 = new TestKernelContext(RT, "rt", 1, other, List.of(slow))
                .source(new Source(slow, new ConstantRateSchedule(MS, 0, NEVER)));
        RealtimeKernel lenient = new RealtimeKernel(settings("edf", 0, 20 * US, Map.of()),
                new ManualClockWork(other, 15 * US));
        lenient.onBoot(ctx2);
        ctx2.openSources(START);
        while (other.nanoTime() < START + 5 * MS - 1) {
            if (lenient.doWork(0) == 0) {
                other.advance(10 * US);
            }
        }
        assertThat(ctx2.metrics(0).completed[0].get()).isEqualTo(5);
        assertThat(ctx2.metrics(0).budgetOverruns[0].get()).isZero();
    }

    @Test
    void idlesBetweenReleasesAndSpinsToAReleaseWithinSpinAhead() {
        // A clock that moves 100ns per reading stands in for real time; the job is a real spin on it.
        SteppingClock stepping = new SteppingClock(START, 100);
        Route near = new Route(0, "near", "periodic", List.of(on(RT, 2 * US, 0)), MS);
        Route far = new Route(1, "far", "periodic", List.of(on(RT, 2 * US, 0)), MS);
        TestKernelContext ctx = new TestKernelContext(RT, "rt", 1, stepping, List.of(near, far))
                .source(new Source(near, new ConstantRateSchedule(MS, 30 * US, NEVER)))
                .source(new Source(far, new ConstantRateSchedule(MS, 500 * US, NEVER)));
        RealtimeKernel kernel = new RealtimeKernel(settings("edf", 50 * US, 10 * US, Map.of()));
        kernel.onBoot(ctx);
        ctx.openSources(START);

        // 'near' is due 30us after the start, within spinAhead: the kernel spins to it and runs it in this call.
        assertThat(kernel.doWork(0)).isPositive();
        assertThat(kernel.taskMetrics(0).completed.get()).isEqualTo(1);
        assertThat(ctx.metrics(0).completed[0].get()).isEqualTo(1);
        // 'far' is due at 500us, well beyond spinAhead: the kernel hands the core to its idle strategy.
        assertThat(kernel.doWork(0)).isZero();
        assertThat(kernel.taskMetrics(1).released.get()).isZero();
    }

    @Test
    void aRequestForAStageThatDoesNotRunHereIsDroppedAndReported() {
        Route r = new Route(0, "r", "stream", List.of(on(UP, 0, 0), on(RT, 20 * US, 0), on(DOWN, 0, 0)), 0);
        Pipeline p = pipeline(List.of(r));
        RealtimeKernel kernel = boot(p.ctx(), settings("edf", 0, 10 * US, Map.of("r", 100 * US)), 0);
        Envelope wrong = new Envelope();
        wrong.requestId = 7;
        wrong.stage = 2;
        p.in().offer(wrong);
        kernel.doWork(0);
        assertThat(p.ctx().metrics(0).dropped[0].get()).isEqualTo(1);
        assertThat(p.ctx().errors()).singleElement()
                .satisfies(e -> assertThat(e.error().getMessage()).contains("does not run here"));
        assertThat(kernel.jobsInFlight()).isZero();
    }

    /** The figures of the kernel's only task, from its report details. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyTask(Map<String, Object> stats) {
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) stats.get("tasks");
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }
}
