package io.crosskernel.kernels.common;

/**
 * The three control messages of a live reshard (docs/SHARDING.md, "Live resharding"), carried in ordinary
 * {@link io.crosskernel.api.Envelope}s on the ordinary channels and told apart from requests by a negative
 * {@code routeId} (a request's route id is never negative). One concept, one place: the sender
 * ({@link StageForwarder}) writes markers, the storage shards read them and write and read copies and ends.
 *
 * <ul>
 *   <li>{@link #MARKER}, sender to each shard that loses keys, once, at the switch: {@code requestId} = the sender's
 *       kernel id, {@code payload} = the group's first kernel id. Everything the sender routed by the old shard count
 *       is ahead of it on that FIFO channel; everything behind it was routed by the new count.</li>
 *   <li>{@link #COPY}, losing shard to gaining shard, one per key that moves: {@code payload} = the key,
 *       {@code stage} = the value's length or {@link #ABSENT_LENGTH} (the key has no value: never written, or
 *       deleted), {@code requestId} = the value's first 8 bytes (the verify stamp), {@code traceId} = the key's entry
 *       in the sender's verify ledger or {@link #NO_LEDGER_ENTRY}.</li>
 *   <li>{@link #END}, losing shard to every gaining shard, once, after its last copy: {@code payload} = the copies it
 *       sent to that shard.</li>
 * </ul>
 *
 * <p>Stateless constants; any thread.
 */
public final class ReshardMessages {
    /** Route id of a marker: the sender switched to the new shard count after everything ahead of this. */
    public static final int MARKER = -1;
    /** Route id of a copy of one moving key's state. */
    public static final int COPY = -2;
    /** Route id of the last message a losing shard sends a gaining one. */
    public static final int END = -3;
    /** {@code stage} of a copy whose key has no value. */
    public static final int ABSENT_LENGTH = -1;
    /** {@code traceId} of a copy whose key is not in the losing shard's ledger (or that shard keeps none). */
    public static final long NO_LEDGER_ENTRY = Long.MIN_VALUE;

    private ReshardMessages() {
    }

    /** True when a message or job with this route id is a reshard control message, not a request. */
    public static boolean isControl(int routeId) {
        return routeId < 0;
    }
}
