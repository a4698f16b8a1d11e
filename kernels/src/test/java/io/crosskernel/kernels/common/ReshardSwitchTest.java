package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.Reshard;
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
 * The sender's side of a live reshard (docs/SHARDING.md, "Live resharding"): before the reshard time it routes among
 * the old shard count, at the first duty cycle at or after it queues one marker per losing shard behind everything
 * already sent or held for that shard, and routes among the new count from then on; through full channels, per-key
 * order is kept.
 */
class ReshardSwitchTest {
    private static final long AT = 1_000_000;
    private static final long RUN_START = 5_000;
    private final ManualClock clock = new ManualClock(0);
    private final List<TestChannel> shards = new ArrayList<>();
    private final JobPool pool = new JobPool(8192);
    private TestKernelContext ctx;
    private StageForwarder forwarder;

    /** Kernel 0 sends; kernels 1 .. kernels are the shards of group 'store'. */
    private void build(Reshard reshard, int capacity) {
        Route route = new Route(0, "kv", "stream", List.of(stage(0), new Stage(1, "store", 0, 1, 0, StageOp.PUT, 8,
                reshard.kernels(), Stage.ROUTE_BY_PAYLOAD, reshard)), 0);
        ctx = new TestKernelContext(0, "ingest", 1, clock, List.of(route));
        for (int s = 0; s < reshard.kernels(); s++) {
            TestChannel channel = new TestChannel(0, 1 + s, capacity, BackpressurePolicy.RETRY);
            shards.add(channel);
            ctx.outbound(channel);
        }
        forwarder = new StageForwarder(ctx, 0, pool, job -> {
            throw new AssertionError("nothing runs locally");
        });
    }

    private void send(long requestId, long key, long now) {
        Job job = pool.acquire();
        job.requestId = requestId;
        job.routeId = 0;
        job.stage = 0;
        job.payload = key;
        forwarder.forward(job, now);
    }

    /** What one shard received, in order: request ids with their key, and markers as -1. */
    private final Map<Integer, List<long[]>> received = new HashMap<>();

    private void drainAll(int limit) {
        for (int s = 0; s < shards.size(); s++) {
            List<long[]> into = received.computeIfAbsent(s, k -> new ArrayList<>());
            shards.get(s).drain(e -> into.add(e.routeId == ReshardMessages.MARKER
                    ? new long[] {-1, e.requestId, e.payload} : new long[] {e.requestId, e.payload}), limit);
        }
    }

    private void runGrowOrShrink(Reshard reshard) {
        build(reshard, 2); // tiny channels: most requests wait in the sender's held queues, markers too
        ctx.openSources(RUN_START);
        assertThat(forwarder.nextSwitchNanos()).isEqualTo(RUN_START + AT);
        Map<Long, List<Long>> sentPerKey = new HashMap<>();
        long id = 0;
        for (int i = 0; i < 3000; i++) {
            long now = RUN_START + i * 700L; // the switch falls at i = 1429
            long key = (i * 7L) % 101;
            forwarder.retryHeld(now);
            sentPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            send(id++, key, now);
            if (i % 3 == 0) {
                drainAll(1);
            }
        }
        assertThat(forwarder.nextSwitchNanos()).isEqualTo(Kernel.NO_WAKE);
        while (forwarder.heldCount() > 0 || shards.stream().anyMatch(c -> c.size() > 0)) {
            drainAll(Integer.MAX_VALUE);
            forwarder.retryHeld(Long.MAX_VALUE / 2);
        }
        Map<Long, List<Long>> receivedPerKey = new HashMap<>();
        for (int s = 0; s < shards.size(); s++) {
            boolean afterMarker = false;
            int markers = 0;
            for (long[] m : received.get(s)) {
                if (m[0] == -1) {
                    assertThat(m[1]).as("the marker names its sender").isZero();
                    assertThat(m[2]).as("and the group's first kernel").isEqualTo(1);
                    markers++;
                    afterMarker = true;
                    continue;
                }
                long key = m[1];
                if (reshard.loses(s)) {
                    // The marker splits the stream: before it, keys this shard owned by the old count; after, by
                    // the new one.
                    int expected = ShardRouting.shardOf(key, afterMarker ? reshard.to() : reshard.from());
                    assertThat(expected).as("key %d on shard %d (after marker: %s)", key, s, afterMarker)
                            .isEqualTo(s);
                } else {
                    assertThat(ShardRouting.shardOf(key, reshard.to()) == s
                            || ShardRouting.shardOf(key, reshard.from()) == s).isTrue();
                }
                receivedPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(m[0]);
            }
            assertThat(markers).as("markers on shard %d", s).isEqualTo(reshard.loses(s) ? 1 : 0);
        }
        // Every request arrived once; per key, the old owner's part and then the new owner's are each in order (the
        // storage shards then apply the old part before the new: ReshardParticipant).
        for (Map.Entry<Long, List<Long>> e : sentPerKey.entrySet()) {
            List<Long> got = new ArrayList<>(receivedPerKey.get(e.getKey()));
            got.sort(null);
            assertThat(got).isEqualTo(e.getValue());
        }
        assertThat(pool.inUse()).isZero();
    }

    @Test
    void growingSwitchesOnceBehindEverythingAlreadySentAndKeepsEachShardsOrder() {
        runGrowOrShrink(new Reshard(AT, 4, 5));
        // Before the switch nothing reached the new shard, after it only keys that moved to it.
        for (long[] m : received.get(4)) {
            assertThat(ShardRouting.shardOf(m[1], 5)).isEqualTo(4);
        }
        assertThat(received.get(4)).isNotEmpty();
    }

    @Test
    void shrinkingSendsMarkersToTheRemovedShardsOnly() {
        runGrowOrShrink(new Reshard(AT, 5, 3));
        assertThat(received.get(3).stream().filter(m -> m[0] != -1)).allMatch(m -> m[0] < 1429);
        assertThat(received.get(4).stream().filter(m -> m[0] != -1)).allMatch(m -> m[0] < 1429);
    }

    @Test
    void noSwitchBeforeTheRunStarts() {
        build(new Reshard(AT, 2, 3), 1024);
        assertThat(forwarder.nextSwitchNanos()).isEqualTo(Kernel.NO_WAKE);
        forwarder.retryHeld(AT * 10); // the clock is past the time, but the run has not started: no start time yet
        assertThat(shards.get(0).size() + shards.get(1).size()).isZero();
        ctx.openSources(AT * 10);
        forwarder.retryHeld(AT * 11 - 1);
        assertThat(shards.get(0).size()).isZero();
        forwarder.retryHeld(AT * 11);
        assertThat(shards.get(0).size()).isEqualTo(1);
        assertThat(shards.get(1).size()).isEqualTo(1);
        assertThat(shards.get(2).size()).as("the new shard loses nothing: no marker").isZero();
    }
}
