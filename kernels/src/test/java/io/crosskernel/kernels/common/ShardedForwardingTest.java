package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sending side of a shard group: the forwarder offers each request on the channel of the shard that owns its key,
 * the same shard every time, and requests with one key arrive in the order they were sent, also through a full
 * channel.
 */
class ShardedForwardingTest {
    private static final int SHARDS = 4;
    private final ManualClock clock = new ManualClock(0);
    // Kernel 0 sends; kernels 1..4 are the shards of group 'store'.
    private final Route route = new Route(0, "kv", "stream", List.of(stage(0),
            new Stage(1, "store", 0, 1, 0, StageOp.PUT, 8, SHARDS, Stage.ROUTE_BY_PAYLOAD)), 0);
    private final List<TestChannel> shards = new ArrayList<>();
    private final TestKernelContext ctx = new TestKernelContext(0, "ingest", 1, clock, List.of(route));
    private final JobPool pool = new JobPool(4096);
    private StageForwarder forwarder;

    private void build(int capacity) {
        for (int s = 0; s < SHARDS; s++) {
            TestChannel channel = new TestChannel(0, 1 + s, capacity, BackpressurePolicy.RETRY).logDelivered();
            shards.add(channel);
            ctx.outbound(channel);
        }
        forwarder = new StageForwarder(ctx, 0, pool, job -> {
            throw new AssertionError("nothing runs locally");
        });
    }

    private void send(long requestId, long key) {
        Job job = pool.acquire();
        job.requestId = requestId;
        job.routeId = 0;
        job.stage = 0;
        job.payload = key;
        forwarder.forward(job, requestId);
    }

    @Test
    void eachRequestGoesToTheShardThatOwnsItsKeyEveryTime() {
        build(1024);
        for (int round = 0; round < 3; round++) {
            for (long key = 0; key < 200; key++) {
                send(round * 1000L + key, key);
            }
        }
        Map<Long, Integer> shardOfKey = new HashMap<>();
        for (int s = 0; s < SHARDS; s++) {
            int shard = s;
            shards.get(s).drain(e -> {
                Integer before = shardOfKey.putIfAbsent(e.payload, shard);
                assertThat(before == null || before == shard).as("key %d on shards %d and %d", e.payload, before,
                        shard).isTrue();
                assertThat(shard).isEqualTo(ShardRouting.shardOf(e.payload, SHARDS));
            }, Integer.MAX_VALUE);
        }
        assertThat(shardOfKey).hasSize(200);
        assertThat(shardOfKey.values()).containsOnly(0, 1, 2, 3); // every shard owns some of 200 keys
        assertThat(pool.inUse()).isZero();
    }

    @Test
    void requestsWithOneKeyArriveInTheOrderSentThroughFullChannels() {
        build(2); // tiny channels: most requests are held and retried
        List<List<Long>> received = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            received.add(new ArrayList<>());
        }
        Map<Long, List<Long>> sentPerKey = new HashMap<>();
        long id = 0;
        for (int i = 0; i < 500; i++) {
            long key = (i * 7L) % 13; // 13 keys, interleaved
            sentPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            send(id++, key);
            if (i % 3 == 0) { // the shards drain slowly: one message each now and then
                for (int s = 0; s < SHARDS; s++) {
                    List<Long> into = received.get(s);
                    shards.get(s).drain(e -> into.add(e.requestId * 100 + e.payload), 1);
                }
                forwarder.retryHeld(i);
            }
        }
        while (forwarder.heldCount() > 0 || shards.stream().anyMatch(c -> c.size() > 0)) {
            for (int s = 0; s < SHARDS; s++) {
                List<Long> into = received.get(s);
                shards.get(s).drain(e -> into.add(e.requestId * 100 + e.payload), Integer.MAX_VALUE);
            }
            forwarder.retryHeld(1_000_000);
        }
        Map<Long, List<Long>> receivedPerKey = new HashMap<>();
        for (List<Long> shard : received) {
            for (long packed : shard) {
                receivedPerKey.computeIfAbsent(packed % 100, k -> new ArrayList<>()).add(packed / 100);
            }
        }
        assertThat(receivedPerKey).isEqualTo(sentPerKey);
        assertThat(pool.inUse()).isZero();
    }

    @Test
    void aStageOnOneKernelIsNotRoutedByKey() {
        Stage plain = stage(3);
        assertThat(plain.sharded()).isFalse();
        assertThat(plain.shards()).isEqualTo(1);
        assertThat(plain.runsOn(3)).isTrue();
        assertThat(plain.runsOn(4)).isFalse();
        Envelope unused = new Envelope();
        assertThat(unused.payload).isZero();
    }
}
