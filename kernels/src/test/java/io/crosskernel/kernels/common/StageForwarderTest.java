package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageForwarderTest {
    private final ManualClock clock = new ManualClock(0);
    private final Route toOne = route(0, stage(0), stage(1));
    private final Route toTwo = route(1, stage(0), stage(2));
    private final Route local = route(2, stage(0), stage(0));
    private final TestChannel full = new TestChannel(0, 1, 1, BackpressurePolicy.RETRY).logDelivered();
    private final TestChannel free = new TestChannel(0, 2, 8, BackpressurePolicy.FAIL).logDelivered();
    private final TestKernelContext ctx = new TestKernelContext(0, "k0", 1, clock, List.of(toOne, toTwo, local))
            .outbound(full).outbound(free);
    private final JobPool pool = new JobPool(16);
    private final List<Job> requeued = new ArrayList<>();
    private final StageForwarder forwarder = new StageForwarder(ctx, 0, pool, requeued::add);
    private final WorkerMetrics m = ctx.metrics(0);

    private Job finished(Route route, long id) {
        Job job = pool.acquire();
        job.requestId = id;
        job.routeId = route.id();
        job.stage = 0;
        return job;
    }

    @Test
    void heldMessagesForOneDestinationDoNotBlockAnother() {
        forwarder.forward(finished(toOne, 1), 10);
        forwarder.forward(finished(toOne, 2), 10); // channel of capacity 1 is full: held
        forwarder.forward(finished(toTwo, 3), 10);
        forwarder.forward(finished(toOne, 4), 10); // behind 2, never overtaking it

        assertThat(forwarder.heldCount()).isEqualTo(2);
        assertThat(m.heldForRetry.get()).isEqualTo(2);
        assertThat(m.backpressureEvents.get()).isEqualTo(1);
        assertThat(free.size()).isEqualTo(1);

        full.drain(e -> { }, 1);
        assertThat(forwarder.retryHeld(20)).isEqualTo(1);
        assertThat(forwarder.retryHeld(30)).isZero();
        full.drain(e -> { }, 1);
        assertThat(forwarder.retryHeld(40)).isEqualTo(1);
        full.drain(e -> { }, 1);

        assertThat(full.deliveredIds()).containsExactly(1L, 2L, 4L);
        assertThat(forwarder.heldCount()).isZero();
        assertThat(m.heldForRetry.get()).isZero();
        assertThat(m.messagesOut.get()).isEqualTo(4);
        assertThat(m.backpressureEvents.get()).as("each refused retry counts once").isEqualTo(3);
        assertThat(pool.inUse()).isZero();
    }

    @Test
    void nextStageOnThisKernelIsRequeuedWithArrivalNow() {
        Job job = finished(local, 7);
        forwarder.forward(job, 123);

        assertThat(requeued).containsExactly(job);
        assertThat(job.stage).isEqualTo(1);
        assertThat(job.arrivalNanos).isEqualTo(123);
        assertThat(pool.inUse()).isEqualTo(1);
    }

    @Test
    void failChannelRejectionCountsTheRequestAsDropped() {
        TestChannel tiny = new TestChannel(0, 2, 1, BackpressurePolicy.FAIL);
        TestKernelContext c = new TestKernelContext(0, "k0", 1, clock, List.of(toOne, toTwo)).outbound(tiny);
        StageForwarder f = new StageForwarder(c, 0, pool, requeued::add);
        f.forward(finished(toTwo, 1), 0);
        f.forward(finished(toTwo, 2), 0);

        assertThat(c.metrics(0).dropped[1].get()).isEqualTo(1);
        assertThat(c.metrics(0).messagesOut.get()).isEqualTo(1);
        assertThat(tiny.rejected).isEqualTo(1);
        assertThat(pool.inUse()).isZero();
    }
}
