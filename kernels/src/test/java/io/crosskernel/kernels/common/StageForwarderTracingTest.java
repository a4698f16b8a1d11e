package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.TraceSampling;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.testsupport.RecordingTracer;
import io.crosskernel.kernels.testsupport.RecordingTracer.Hop;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every stage completion of a sampled request leaves exactly one hop, with the outcome that happened. */
class StageForwarderTracingTest {
    private final ManualClock clock = new ManualClock(0);
    private final Route toOne = route(0, stage(0), stage(1));
    private final Route local = route(1, stage(0), stage(0));
    private final TestChannel one = new TestChannel(0, 1, 1, BackpressurePolicy.RETRY);
    private final RecordingTracer all = new RecordingTracer(1.0);
    private final TestKernelContext ctx = new TestKernelContext(0, "k0", 1, clock, List.of(toOne, local))
            .outbound(one).tracer(all);
    private final JobPool pool = new JobPool(16);
    private final List<Job> requeued = new ArrayList<>();
    private final StageForwarder forwarder = new StageForwarder(ctx, 0, pool, requeued::add);

    private Job released(Route route, long id, long origin) {
        Job job = pool.acquire();
        job.requestId = id;
        job.traceId = id;
        job.routeId = route.id();
        job.stage = 0;
        job.originNanos = origin;
        job.arrivalNanos = origin;
        return job;
    }

    @Test
    void recordsForwardedThenHeldWithTheCompletedStage() {
        forwarder.forward(released(toOne, 1, 5), 10);
        forwarder.forward(released(toOne, 2, 6), 11); // the channel holds one: this one waits

        assertThat(all.hops).containsExactly(
                new Hop(1, 1, 0, 0, 5, 5, 5, 10, HopOutcome.FORWARDED),
                new Hop(2, 2, 0, 0, 6, 6, 6, 11, HopOutcome.HELD));
    }

    @Test
    void recordsLocalThenCompletedOnTheSameKernel() {
        Job job = released(local, 3, 100);
        forwarder.forward(job, 120);
        forwarder.forward(requeued.get(0), 150);

        assertThat(all.hops).containsExactly(
                new Hop(3, 3, 1, 0, 100, 100, 100, 120, HopOutcome.LOCAL),
                new Hop(3, 3, 1, 1, 100, 120, 120, 150, HopOutcome.COMPLETED));
        assertThat(pool.inUse()).isZero();
    }

    @Test
    void recordsAFailedTaskAsTheLastHop() {
        Job job = released(toOne, 4, 0);
        job.failed = true;
        job.doneNanos = 42;
        forwarder.releaseFailed(job);

        assertThat(all.hops).containsExactly(new Hop(4, 4, 0, 0, 0, 0, 0, 42, HopOutcome.FAILED));
        assertThat(pool.inUse()).isZero();
    }

    @Test
    void recordsOnlySampledRequestsAndTheSameOnesEveryTime() {
        RecordingTracer some = new RecordingTracer(0.25);
        Route single = route(0, stage(0));
        TestKernelContext c = new TestKernelContext(0, "k0", 1, clock, List.of(single)).tracer(some);
        StageForwarder f = new StageForwarder(c, 0, pool, requeued::add);
        List<Long> expected = new ArrayList<>();
        for (long id = 0; id < 400; id++) {
            f.forward(released(single, id, 0), 1);
            if (TraceSampling.isSampled(id, some.sampleThreshold())) {
                expected.add(id);
            }
        }

        assertThat(some.hops).extracting(Hop::traceId).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeBetween(40, 160);
    }

    @Test
    void aReceivedSampledMessageCarriesItsReceiveTimeIntoItsHop() {
        Route fromOther = route(0, stage(1), stage(0));
        TestChannel in = new TestChannel(1, 0, 4, BackpressurePolicy.RETRY);
        TestKernelContext c = new TestKernelContext(0, "k0", 1, clock, List.of(fromOther)).inbound(in).tracer(all);
        List<Job> received = new ArrayList<>();
        InboundDrainer drainer = new InboundDrainer(c, 0, pool, received::add);
        StageForwarder f = new StageForwarder(c, 0, pool, received::add);
        Envelope message = new Envelope();
        message.requestId = 9;
        message.traceId = 9;
        message.stage = 1;
        message.originNanos = 1_000;
        message.sentNanos = 1_500;
        in.offer(message);

        clock.set(1_700);
        drainer.drain(8);
        f.forward(received.get(0), 2_000);

        assertThat(all.hops).containsExactly(new Hop(9, 9, 0, 1, 1_000, 1_500, 1_700, 2_000, HopOutcome.COMPLETED));
    }

    @Test
    void anUntracedRunRecordsNothingAndLeavesTheReceiveTimeUnread() {
        Route fromOther = route(0, stage(1), stage(0));
        TestChannel in = new TestChannel(1, 0, 4, BackpressurePolicy.RETRY);
        TestKernelContext c = new TestKernelContext(0, "k0", 1, clock, List.of(fromOther)).inbound(in);
        List<Job> received = new ArrayList<>();
        InboundDrainer drainer = new InboundDrainer(c, 0, pool, received::add);
        Envelope message = new Envelope();
        message.stage = 1;
        message.sentNanos = 1_500;
        in.offer(message);
        clock.set(1_700);
        drainer.drain(8);

        assertThat(received.get(0).receivedNanos).isZero();
    }
}
