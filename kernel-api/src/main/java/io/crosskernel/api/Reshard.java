package io.crosskernel.api;

/**
 * A live reshard of a shard group: at {@code atNanos} after the run's start the group goes from {@code from} shards to
 * {@code to} (docs/SHARDING.md, "Live resharding"). The group boots {@link #kernels()} = max(from, to) shard kernels;
 * before the reshard senders route among the first {@code from}, after it among the first {@code to}.
 *
 * <p>With jump hashing a key only ever moves from a shard that {@link #loses} keys to one that {@link #gains} them:
 * growing, from the old shards {@code 0 .. from - 1} to the new ones {@code from .. to - 1}; shrinking, from the
 * removed shards {@code to .. from - 1} to the ones that stay, {@code 0 .. to - 1}.
 *
 * <p>Immutable; any thread.
 *
 * @param atNanos when the senders switch, in nanoseconds after the run's start (before its end)
 * @param from    the shards senders route among before the switch, at least 1
 * @param to      the shards they route among after it, at least 1 and not {@code from}
 */
public record Reshard(long atNanos, int from, int to) {
    public Reshard {
        if (atNanos < 0) {
            throw new IllegalArgumentException("a reshard time must not be negative, got " + atNanos + "ns");
        }
        if (from < 1 || to < 1 || from == to) {
            throw new IllegalArgumentException("a reshard goes from " + from + " to " + to
                    + " shards: both at least 1 and different");
        }
    }

    /** The shard kernels the group boots: enough for both shard counts. */
    public int kernels() {
        return Math.max(from, to);
    }

    /** True when shard {@code index} hands keys to another shard at the reshard. */
    public boolean loses(int index) {
        return to > from ? index < from : index >= to && index < from;
    }

    /** True when shard {@code index} takes keys from another shard at the reshard. */
    public boolean gains(int index) {
        return to > from ? index >= from && index < to : index < to;
    }

    /** How many shards lose keys: each gaining shard waits for that many to finish handing theirs over. */
    public int losingShards() {
        return to > from ? from : from - to;
    }
}
