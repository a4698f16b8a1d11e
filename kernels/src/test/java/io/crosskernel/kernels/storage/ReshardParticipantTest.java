package io.crosskernel.kernels.storage;

import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.Reshard;
import io.crosskernel.api.ShardId;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.ReshardMessages;
import io.crosskernel.kernels.common.ShardRouting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One storage shard's side of the resharding protocol, driven step by step (docs/SHARDING.md, "Live resharding"):
 * a losing shard sends nothing before its senders' last marker and the tasks queued before it, then a copy of each
 * moving key it holds (through a full channel, resuming where it stopped), then an end; a gaining shard parks requests
 * for keys it did not own until every losing shard's end, applies copies first and releases the parked requests in
 * arrival order.
 */
class ReshardParticipantTest {
    private static final long KEYS = 400;
    private static final Reshard GROW = new Reshard(1_000, 2, 3); // store-0, store-1 lose keys to store-2
    // Kernel 0 sends; kernels 1..3 are store-0 .. store-2.
    private final Route route = new Route(0, "kv", "stream", List.of(stage(0), new Stage(1, "store", 0, 1, 0,
            StageOp.PUT, 8, 3, Stage.ROUTE_BY_PAYLOAD, GROW)), 0);
    private final ManualClock clock = new ManualClock(0);
    private final List<String> events = new ArrayList<>();
    private final Set<Long> present = new HashSet<>();
    private final Map<Long, Long> ledger = new HashMap<>();
    private final Set<Long> removed = new HashSet<>();

    /** The engine side, recorded as events. */
    private final ReshardParticipant.MovingKeys store = new ReshardParticipant.MovingKeys() {
        @Override
        public int describe(long key, Envelope copy) {
            copy.traceId = ledger.getOrDefault(key, ReshardMessages.NO_LEDGER_ENTRY);
            copy.requestId = key * 10;
            return present.contains(key) ? 8 : ReshardMessages.ABSENT_LENGTH;
        }

        @Override
        public void remove(long key) {
            assertThat(removed.add(key)).as("key %d removed once", key).isTrue();
        }

        @Override
        public void apply(Envelope copy) {
            events.add("apply " + copy.payload);
        }

        @Override
        public void release(Job job) {
            events.add("release " + job.requestId);
        }

        @Override
        public void dropUnowned(long key) {
            events.add("drop " + key);
        }
    };

    @Test
    void aLosingShardCopiesOnlyAfterItsSendersMarkerAndTheTasksBeforeIt() {
        TestKernelContext ctx = new TestKernelContext(1, "store-0", 1, clock, List.of(route));
        TestChannel toNew = new TestChannel(1, 3, 4, BackpressurePolicy.RETRY);
        ctx.outbound(toNew);
        ReshardParticipant losing = new ReshardParticipant(new ShardId("store", 0, 3, GROW), KEYS, ctx, store,
                false);
        Set<Long> moving = new HashSet<>();
        for (long key = 0; key < KEYS; key++) {
            if (ShardRouting.shardOf(key, 2) == 0 && ShardRouting.shardOf(key, 3) == 2) {
                moving.add(key);
                if (key % 3 != 0) {
                    present.add(key);
                } else if (key % 2 == 0) {
                    ledger.put(key, -5L); // deleted this run: its tombstone moves too
                }
            }
        }
        assertThat(moving).hasSizeGreaterThan(20);

        assertThat(losing.pump(1)).as("before the marker").isZero();
        losing.onMarker(3, 2); // three tasks queued before the one sender's marker
        assertThat(losing.pump(3)).isZero();
        losing.tasksRan(2);
        assertThat(losing.pump(4)).as("one task routed by the old count still to run").isZero();
        losing.tasksRan(1);

        List<long[]> sent = new ArrayList<>();
        long ends = 0;
        for (int round = 0; round < 1000 && ends == 0; round++) {
            losing.pump(5 + round);
            assertThat(toNew.size()).isLessThanOrEqualTo(4);
            List<long[]> batch = new ArrayList<>();
            toNew.drain(e -> batch.add(new long[] {e.routeId, e.payload, e.stage, e.traceId}), Integer.MAX_VALUE);
            for (long[] m : batch) {
                if (m[0] == ReshardMessages.END) {
                    ends++;
                    assertThat(m[1]).as("the end counts the copies").isEqualTo(sent.size());
                } else {
                    assertThat(m[0]).isEqualTo(ReshardMessages.COPY);
                    assertThat(ends).as("no copy after the end").isZero();
                    sent.add(m);
                }
            }
        }
        assertThat(ends).isEqualTo(1);
        Set<Long> copied = new HashSet<>();
        for (long[] m : sent) {
            assertThat(moving).contains(m[1]);
            assertThat(copied.add(m[1])).as("key %d copied once", m[1]).isTrue();
            assertThat(m[2]).isEqualTo(present.contains(m[1]) ? 8 : ReshardMessages.ABSENT_LENGTH);
        }
        // Every moving key with a value or a tombstone this run went, in key order; never-written ones need nothing.
        Set<Long> expected = new HashSet<>(present);
        expected.addAll(ledger.keySet());
        assertThat(copied).isEqualTo(expected);
        assertThat(removed).isEqualTo(copied);
        assertThat(losing.pump(10_000)).as("done: nothing more").isZero();
        assertThat(losing.stats(0)).containsEntry("complete", true).containsEntry("keysMoved", (long) present.size())
                .containsEntry("bytesMoved", 8L * present.size());
    }

    @Test
    void aGainingShardParksRequestsForItsNewKeysUntilEveryEndAndAppliesCopiesFirst() {
        TestKernelContext ctx = new TestKernelContext(3, "store-2", 1, clock, List.of(route));
        TestChannel fromShard0 = new TestChannel(1, 3, 64, BackpressurePolicy.RETRY);
        TestChannel fromShard1 = new TestChannel(2, 3, 64, BackpressurePolicy.RETRY);
        TestChannel fromSender = new TestChannel(0, 3, 64, BackpressurePolicy.RETRY);
        ctx.inbound(fromShard0).inbound(fromShard1).inbound(fromSender);
        ReshardParticipant gaining = new ReshardParticipant(new ShardId("store", 2, 3, GROW), KEYS, ctx, store,
                false);
        assertThat(gaining.isPeer(1)).isTrue();
        assertThat(gaining.isPeer(2)).isTrue();
        assertThat(gaining.isPeer(0)).as("the sender's channel carries requests").isFalse();
        JobPool pool = new JobPool(16);

        for (long id = 1; id <= 3; id++) {
            Job job = pool.acquire();
            job.requestId = id;
            assertThat(gaining.park(job, id, clock)).as("request %d for a key it did not own", id).isTrue();
        }
        offer(fromShard0, ReshardMessages.COPY, 7);
        offer(fromShard0, ReshardMessages.END, 1);
        gaining.drainPeers(64, clock);
        assertThat(events).containsExactly("apply 7");
        offer(fromShard1, ReshardMessages.COPY, 9);
        offer(fromShard1, ReshardMessages.END, 1);
        gaining.drainPeers(64, clock);
        assertThat(events).containsExactly("apply 7", "apply 9", "release 1", "release 2", "release 3");

        Job later = pool.acquire();
        later.requestId = 4;
        assertThat(gaining.park(later, 4, clock)).as("every end in: no more parking").isFalse();
        assertThat(gaining.ownersAtEnd()).isEqualTo(3);
    }

    @Test
    void withUnsafeHandoffAGainingShardNeverParks() {
        TestKernelContext ctx = new TestKernelContext(3, "store-2", 1, clock, List.of(route));
        ReshardParticipant unsafe = new ReshardParticipant(new ShardId("store", 2, 3, GROW), KEYS, ctx, store, true);
        Job job = new JobPool(1).acquire();
        assertThat(unsafe.park(job, 5, clock)).isFalse();
    }

    @Test
    void aShardWhoseRunNeverReachedTheReshardIsCheckedByTheOldCount() {
        TestKernelContext ctx = new TestKernelContext(1, "store-0", 1, clock, List.of(route));
        ctx.outbound(new TestChannel(1, 3, 4, BackpressurePolicy.RETRY));
        ReshardParticipant losing = new ReshardParticipant(new ShardId("store", 0, 3, GROW), KEYS, ctx, store,
                false);
        assertThat(losing.ownersAtEnd()).isEqualTo(2);
        losing.onMarker(0, 1);
        assertThat(losing.ownersAtEnd()).isEqualTo(3);
    }

    private static void offer(TestChannel channel, int routeId, long payload) {
        Envelope e = new Envelope();
        e.routeId = routeId;
        e.payload = payload;
        e.stage = 8;
        e.traceId = ReshardMessages.NO_LEDGER_ENTRY;
        channel.offer(e);
    }
}
