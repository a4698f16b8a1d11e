package io.crosskernel.kernels.storage;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.Reshard;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.ShardId;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.ReshardMessages;
import io.crosskernel.kernels.common.ShardRouting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * One storage shard's side of a live reshard (docs/SHARDING.md, "Live resharding": the protocol, step by step, and
 * why no write is lost or reordered). A shard {@link Reshard#loses} keys, {@link Reshard#gains} them, or (never, with
 * jump hashing) neither:
 *
 * <ul>
 *   <li><b>Losing.</b> Counts the {@link ReshardMessages#MARKER}s of its senders ({@link #onMarker}). At the last,
 *       every request routed to it by the old shard count is in its run queue or already ran; once the tasks queued
 *       at that moment have run ({@link #tasksRan}), its state for the moving keys is final (no request for them
 *       comes any more). It then {@link #pump}s: a {@link ReshardMessages#COPY} of each moving key to its new owner,
 *       removing the key here once the copy is on the channel, then an {@link ReshardMessages#END} to every gaining
 *       shard. A full channel stops the pump where it is; the next duty cycle resumes it.</li>
 *   <li><b>Gaining.</b> Holds ({@link #park}s) every request for a key it did not own by the old count: such a
 *       request was routed by the new count, and the key's state is still on its way. Copies are applied as they
 *       arrive ({@link #drainPeers}, from channels that need no job, so a pool full of parked requests cannot stop
 *       them). At the last {@link ReshardMessages#END} every copy is in, and the parked requests go to the run queue
 *       in the order they arrived, ahead of anything later.</li>
 * </ul>
 *
 * <p>Threading: owned by the storage kernel's worker 0, the only thread that drains and offers its channels and
 * touches its engine; figures are read by the host after that worker stopped (joining it publishes the plain
 * fields). Allocates at construction only: one envelope, the channel arrays, the latency histogram.
 */
final class ReshardParticipant implements EnvelopeHandler {
    /** What the storage kernel does with the keys that move: the engine and ledger stay the kernel's. */
    interface MovingKeys {
        /**
         * Fills {@code copy}'s {@code stage}, {@code requestId} and {@code traceId} with {@code key}'s state
         * (see {@link ReshardMessages#COPY}).
         *
         * @return the value's length, or {@link ReshardMessages#ABSENT_LENGTH}
         */
        int describe(long key, Envelope copy);

        /** Forgets {@code key} here once its copy is on the channel: a tombstone in the log, out of the ledger. */
        void remove(long key);

        /** Writes the state a copy carries, as this shard's own. */
        void apply(Envelope copy);

        /** Takes a parked request into the run queue (admission, then FIFO). */
        void release(Job job);

        /** Forgets {@code key} at boot: it is in the log, from an earlier run, but this shard does not own it. */
        void dropUnowned(long key);
    }

    private final Reshard reshard;
    private final int index;
    private final int firstId;
    private final long keys;
    private final MovingKeys store;
    private final boolean losing;
    private final boolean gaining;
    /** Markers this shard waits for: one per kernel that sends to the group. */
    private final int senders;
    /** Losing: per gaining shard index, its channel (null for shards that do not gain). */
    private final OutboundChannel[] toGaining;
    /** Gaining: the channels from the group's other shards, drained without jobs. */
    private final InboundChannel[] fromPeers;
    private final Envelope out = new Envelope();
    private final JobQueue parked = new JobQueue();
    /** Release-to-start latency of the keyed requests that started while this shard took part in the move. */
    private final Histogram duringMove = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 2);
    private final long atNanos;
    /** Fault injection ({@code unsafeHandoff}): never park, so requests can overtake their key's copy. */
    private final boolean unsafeHandoff;

    // Worker 0 only.
    private int markers;
    /** Losing: tasks still to run before the state of the moving keys is final; -1 until the last marker. */
    private long barrier = -1;
    /** Losing: the next key of the key space to consider copying; {@code keys} once all copies are sent. */
    private long cursor;
    /** Losing: the next shard index an END is owed to; {@code reshard.kernels()} once all are sent. */
    private int endCursor;
    private final long[] copiesTo;
    private int ends;
    private long keysMoved;
    private long bytesMoved;
    private long keysReceived;
    private long keysWithValueReceived;
    private long bytesReceived;
    private long parkedTotal;
    private int parkedMost;
    /** When this shard's part began (its first marker, or first parked request) and ended; 0 while not. */
    private long startNanos;
    private long endNanos;
    /** The kernel's clock, for the time the last end arrived. */
    private Clock clock;

    /**
     * @param shard   this shard, of a group with a reshard
     * @param keys    the key space ({@code keys} setting): every key a request can name is below it
     * @param context the shard's context: its routes (to count senders) and channels
     */
    ReshardParticipant(ShardId shard, long keys, KernelContext context, MovingKeys store, boolean unsafeHandoff) {
        this.unsafeHandoff = unsafeHandoff;
        this.reshard = shard.reshard();
        this.index = shard.index();
        this.firstId = context.kernelId() - index;
        this.keys = keys;
        this.store = store;
        this.losing = reshard.loses(index);
        this.gaining = reshard.gains(index);
        this.senders = senders(context, firstId);
        this.atNanos = reshard.atNanos();
        this.toGaining = new OutboundChannel[reshard.kernels()];
        this.copiesTo = new long[reshard.kernels()];
        List<InboundChannel> peers = new ArrayList<>();
        for (InboundChannel channel : context.inbound()) {
            if (isPeer(channel.fromKernel())) {
                peers.add(channel);
            }
        }
        this.fromPeers = peers.toArray(new InboundChannel[0]);
        if (losing) {
            for (int i = 0; i < reshard.kernels(); i++) {
                if (reshard.gains(i)) {
                    toGaining[i] = context.outboundTo(firstId + i);
                    if (toGaining[i] == null) {
                        throw new IllegalArgumentException(context.kernelName() + " hands keys to "
                                + ShardId.kernelName(shard.group(), i) + " at the reshard but has no channel to it:"
                                + " add '- {from: " + context.kernelName() + ", to: "
                                + ShardId.kernelName(shard.group(), i) + "}' under channels.links, or use"
                                + " 'topology: full-mesh'");
                    }
                }
            }
        }
        if (!losing) {
            endCursor = reshard.kernels();
            cursor = keys;
        }
    }

    /**
     * Host thread, at boot, on a gaining shard: drops every key of the key space its log holds but that it does not
     * own by the old count. Such a value is left over from an earlier run (a reshard then, or another layout); kept,
     * it would outlive the old owner's copy of the key, which says the key has no value, or is never sent.
     *
     * @return keys dropped
     */
    long dropLeftovers(java.util.function.LongPredicate held) {
        if (!gaining) {
            return 0;
        }
        long dropped = 0;
        for (long key = 0; key < keys; key++) {
            if (ShardRouting.shardOf(key, reshard.from()) != index && held.test(key)) {
                store.dropUnowned(key);
                dropped++;
            }
        }
        return dropped;
    }

    /** The distinct kernels that run a stage right before a stage addressed to the group. Boot time; allocates. */
    static int senders(KernelContext context, int firstId) {
        Set<Integer> ids = new TreeSet<>();
        for (Route route : context.routes()) {
            for (int s = 1; s < route.stages().size(); s++) {
                if (route.stage(s).sharded() && route.stage(s).kernelId() == firstId) {
                    for (int k = route.stage(s - 1).kernelId(); k <= route.stage(s - 1).lastKernelId(); k++) {
                        ids.add(k);
                    }
                }
            }
        }
        return ids.size();
    }

    /** True when kernel {@code id} is another shard of this group: its channel carries copies and ends only. */
    boolean isPeer(int id) {
        return id >= firstId && id < firstId + reshard.kernels() && id != firstId + index;
    }

    /**
     * A marker arrived (losing shards only get them). At the last, the tasks queued now are the last that may
     * touch a moving key here.
     *
     * @param queued jobs in the run queue when the marker was taken
     */
    void onMarker(int queued, long now) {
        if (startNanos == 0) {
            startNanos = now;
        }
        if (++markers == senders) {
            barrier = queued;
        }
    }

    /** Worker 0, after each run of tasks: counts them off the barrier. */
    void tasksRan(int ran) {
        if (barrier > 0) {
            barrier = Math.max(0, barrier - ran);
        }
    }

    /**
     * Whether a request that just arrived must wait for its key's state: this shard gains keys, has not had every
     * END yet, and did not own the request's key by the old count. Takes the job when it parks it.
     *
     * @param key the request's stored key
     */
    boolean park(Job job, long key, Clock clock) {
        if (!gaining || unsafeHandoff || ends == reshard.losingShards()
                || ShardRouting.shardOf(key, reshard.from()) == index) {
            return false;
        }
        if (startNanos == 0) {
            startNanos = clock.nanoTime();
        }
        parked.add(job);
        parkedTotal++;
        parkedMost = Math.max(parkedMost, parked.size());
        return true;
    }

    /** Worker 0: takes copies and ends from the other shards. */
    int drainPeers(int batch, Clock clock) {
        this.clock = clock;
        int taken = 0;
        for (InboundChannel channel : fromPeers) {
            taken += channel.drain(this, batch);
        }
        return taken;
    }

    /** Channel callback: a copy is applied, an end counted; at the last end the parked requests go on. */
    @Override
    public void onMessage(Envelope message) {
        if (message.routeId == ReshardMessages.COPY) {
            store.apply(message);
            keysReceived++;
            if (message.stage >= 0) {
                keysWithValueReceived++;
                bytesReceived += message.stage;
            }
        } else if (message.routeId == ReshardMessages.END) {
            if (++ends == reshard.losingShards()) {
                endNanos = clock.nanoTime();
                Job job;
                while ((job = parked.poll()) != null) {
                    store.release(job);
                }
            }
        } else {
            throw new IllegalStateException("shard " + index + " got a request or marker from another shard of its"
                    + " group: " + message);
        }
    }

    /**
     * Worker 0, each duty cycle: once the moving keys' state is final here, sends copies then ends, as far as the
     * channels take them.
     *
     * @return messages sent
     */
    int pump(long now) {
        if (barrier != 0 || endCursor == reshard.kernels()) {
            return 0;
        }
        int sent = 0;
        while (cursor < keys) {
            long key = cursor;
            int owner = ShardRouting.shardOf(key, reshard.to());
            if (owner == index || ShardRouting.shardOf(key, reshard.from()) != index) {
                cursor++;
                continue;
            }
            out.clear();
            out.routeId = ReshardMessages.COPY;
            out.payload = key;
            out.sentNanos = now;
            int length = store.describe(key, out);
            out.stage = length;
            if (length == ReshardMessages.ABSENT_LENGTH && out.traceId == ReshardMessages.NO_LEDGER_ENTRY) {
                // Never written and not deleted this run: the new owner has nothing for it either (it dropped what
                // its log held of keys it did not own at boot, MovingKeys#dropUnowned), so there is nothing to say.
                cursor++;
                continue;
            }
            if (toGaining[owner].offer(out) != SendResult.SENT) {
                return sent; // full (or refused): this key again next cycle
            }
            store.remove(key);
            copiesTo[owner]++;
            if (length >= 0) {
                keysMoved++;
                bytesMoved += length;
            }
            sent++;
            cursor++;
        }
        while (endCursor < reshard.kernels()) {
            if (toGaining[endCursor] != null) {
                out.clear();
                out.routeId = ReshardMessages.END;
                out.payload = copiesTo[endCursor];
                out.sentNanos = now;
                if (toGaining[endCursor].offer(out) != SendResult.SENT) {
                    return sent;
                }
                sent++;
            }
            endCursor++;
        }
        endNanos = now;
        return sent;
    }

    /**
     * Worker 0, as a keyed task starts: the latency from its release to this start is recorded when it was released
     * during the move as this shard saw it, from the reshard time to the end of its part (all its copies sent, or
     * all in). By release time, so that a request parked through the move counts, though it starts after.
     */
    void recordStart(long originNanos, long taskStartNanos, long runStartNanos) {
        if (originNanos - runStartNanos >= atNanos && (endNanos == 0 || originNanos <= endNanos)) {
            duringMove.recordValue(Math.min(Math.max(0, taskStartNanos - originNanos),
                    LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
        }
    }

    /**
     * The shard count this shard's keys were owned by at the end, for the read-back check: the new one once this
     * shard's part began (a marker, a parked request or a copy came), the old one when the run ended before any
     * sender switched (a run cut short before the reshard time). A part begun but not finished still answers the new
     * count, so the keys it did not hand over count as misplaced.
     */
    int ownersAtEnd() {
        boolean begun = markers > 0 || parkedTotal > 0 || keysReceived > 0 || ends > 0;
        return begun ? reshard.to() : reshard.from();
    }

    /** Figures for the report ({@code reshard} of the shard's details). Host thread, after the worker stopped. */
    Map<String, Object> stats(long runStartNanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", reshard.from());
        out.put("to", reshard.to());
        out.put("atNanos", reshard.atNanos());
        out.put("role", losing ? "losing" : gaining ? "gaining" : "none");
        out.put("markers", markers);
        out.put("senders", senders);
        out.put("keysMoved", keysMoved);
        out.put("bytesMoved", bytesMoved);
        out.put("keysReceived", keysReceived);
        out.put("keysWithValueReceived", keysWithValueReceived);
        out.put("bytesReceived", bytesReceived);
        out.put("parked", parkedTotal);
        out.put("parkedMost", parkedMost);
        out.put("complete", losing ? endCursor == reshard.kernels() : ends == reshard.losingShards());
        out.put("startNanos", startNanos == 0 ? -1 : startNanos - runStartNanos);
        out.put("endNanos", endNanos == 0 ? -1 : endNanos - runStartNanos);
        out.put("latencyCount", duringMove.getTotalCount());
        out.put("latencyP50Nanos", duringMove.getTotalCount() == 0 ? 0 : duringMove.getValueAtPercentile(50));
        out.put("latencyP99Nanos", duringMove.getTotalCount() == 0 ? 0 : duringMove.getValueAtPercentile(99));
        return out;
    }
}
