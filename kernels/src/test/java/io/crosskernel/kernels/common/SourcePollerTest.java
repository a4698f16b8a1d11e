package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.testing.TestKernelContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourcePollerTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final Route a = route(0, stage(0));
    private final Route b = route(1, stage(0));
    private final TestKernelContext ctx = new TestKernelContext(0, "k0", 1, clock, List.of(a, b))
            .source(new Source(a, new ConstantRateSchedule(100, 0, Long.MAX_VALUE)))
            .source(new Source(b, new ConstantRateSchedule(100, 50, Long.MAX_VALUE)));
    private final List<Job> released = new ArrayList<>();

    @Test
    void releasesDueArrivalsWithScheduledOriginsAndUniqueIds() {
        JobPool pool = new JobPool(1_024);
        SourcePoller poller = new SourcePoller(ctx, 0, pool, released::add);
        ctx.openSources(1_000);

        assertThat(poller.poll(1_000 + 999, 1_000)).isEqualTo(20);

        Set<Long> ids = new HashSet<>();
        for (Job job : released) {
            assertThat(ids.add(job.requestId)).isTrue();
            assertThat(job.requestId >>> 40).isEqualTo(job.routeId);
            assertThat(job.originNanos).isEqualTo(job.arrivalNanos);
            assertThat((job.originNanos - 1_000) % 100).isEqualTo(job.routeId == 0 ? 0 : 50);
            assertThat(job.stage).isZero();
        }
        assertThat(ctx.metrics(0).generated[0].get()).isEqualTo(10);
        assertThat(ctx.metrics(0).generated[1].get()).isEqualTo(10);
    }

    @Test
    void stopsAtTheBatchLimitAndWhenThePoolIsEmpty() {
        JobPool pool = new JobPool(5);
        SourcePoller poller = new SourcePoller(ctx, 0, pool, released::add);
        ctx.openSources(1_000);

        assertThat(poller.poll(100_000, 3)).isEqualTo(3);
        assertThat(poller.poll(100_000, 100)).isEqualTo(2);
        assertThat(poller.poll(100_000, 100)).isZero();
        for (Job job : released) {
            pool.release(job);
        }
        // Late arrivals keep their scheduled release as origin: the wait counts against latency.
        released.clear();
        assertThat(poller.poll(100_000, 100)).isEqualTo(5);
        assertThat(released).allSatisfy(job -> assertThat(job.originNanos).isLessThan(2_000));
    }

    @Test
    void publishesEveryReleaseBeforeTheSinkGetsItsJob() {
        // As in a kernel process: the published count must already hold a request when it can go anywhere.
        long[] published = new long[2];
        ctx.generatedPublisher(route -> published[route] = ctx.metrics(0).generated[route].get());
        JobPool pool = new JobPool(1_024);
        List<Long> publishedWhenSunk = new ArrayList<>();
        SourcePoller poller = new SourcePoller(ctx, 0, pool, job -> {
            publishedWhenSunk.add(published[job.routeId]);
            released.add(job);
        });
        ctx.openSources(1_000);

        assertThat(poller.poll(1_000 + 999, 1_000)).isEqualTo(20);

        long[] seen = new long[2];
        for (int i = 0; i < released.size(); i++) {
            int route = released.get(i).routeId;
            assertThat(publishedWhenSunk.get(i)).as("job %d of route %d", i, route).isEqualTo(++seen[route]);
        }
        assertThat(published).containsExactly(10, 10);
        assertThat(poller.poll(1_000 + 999, 1_000)).as("nothing due: nothing published").isZero();
        assertThat(published).containsExactly(10, 10);
    }
}
