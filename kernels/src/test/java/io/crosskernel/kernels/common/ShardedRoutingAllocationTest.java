package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import io.crosskernel.api.workload.KeyDistribution;
import io.crosskernel.api.workload.KeyWorkload;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sender's side of a shard group in steady state — draw a Zipfian key, pick its shard, offer on that shard's
 * channel, count the key in a heavy-hitters sketch — allocates nothing.
 */
class ShardedRoutingAllocationTest {
    @Test
    void keyingRoutingAndCountingAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        int shards = 4;
        KeyWorkload keys = new KeyWorkload(100_000, KeyDistribution.ZIPFIAN, 0.99, 7, 500_000, 500_000, 0);
        Route route = new Route(0, "kv", "stream", List.of(stage(0),
                new Stage(1, "store", 0, 1, 0, StageOp.MIX, 8, shards, Stage.ROUTE_BY_PAYLOAD)), 0, keys);
        TestKernelContext ctx = new TestKernelContext(0, "ingest", 1, new ManualClock(0), List.of(route));
        List<TestChannel> channels = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            TestChannel channel = new TestChannel(0, 1 + s, 1024, BackpressurePolicy.RETRY);
            channels.add(channel);
            ctx.outbound(channel);
        }
        JobPool pool = new JobPool(64);
        StageForwarder forwarder = new StageForwarder(ctx, 0, pool, job -> {
            throw new AssertionError("nothing runs locally");
        });
        HeavyHitters hot = new HeavyHitters(HeavyHitters.DEFAULT_CAPACITY);
        long[] sequence = {0};
        Runnable cycle = () -> {
            for (int i = 0; i < 64; i++) { // a sent job goes straight back to the pool: 64 requests a cycle
                Job job = pool.acquire();
                long n = sequence[0]++;
                job.requestId = n;
                job.routeId = 0;
                job.stage = 0;
                job.payload = keys.key(n);
                job.arrivalNanos = n; // a stage latency of 0: the test recorders would grow with new maxima
                hot.record(job.payload);
                if (keys.op(n) == StageOp.DELETE) {
                    throw new AssertionError("no deletes in this mix");
                }
                forwarder.forward(job, n);
            }
            for (int s = 0; s < shards; s++) { // no iterator: the test's own loop allocates nothing either
                channels.get(s).drain(e -> { }, Integer.MAX_VALUE);
            }
        };
        for (int i = 0; i < 2_000; i++) {
            cycle.run(); // warm up: JIT-compile the loop
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            cycle.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(forwarder.heldCount()).as("held; sizes %s", channels.stream().map(TestChannel::size).toList()).isZero();
        assertThat(ctx.metrics(0).messagesOut.get()).isEqualTo(64L * 4_000);
        assertThat(allocated).as("bytes allocated over %d requests", 64L * 2_000).isLessThan(4_096);
    }
}
