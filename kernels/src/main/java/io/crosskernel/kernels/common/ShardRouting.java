package io.crosskernel.kernels.common;

/**
 * Which shard of a group owns a key: the rule every sender applies on its own, so no router thread, table or lock
 * stands between a sender and a shard (docs/SHARDING.md).
 *
 * <p>{@code shard = jump(hash(key), shards)}: {@link #hash} is SplitMix64's output for the key taken as its state (a
 * fixed bijection of 64-bit values: same key, same hash, on every run, JVM and machine), and {@link #jump} is jump
 * consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014), whose only
 * floating-point step is a division Java evaluates the same everywhere (strict IEEE 754 since Java 17). A key's shard
 * therefore depends on nothing but the key and the shard count; going from N to N+1 shards moves a key only to the new
 * shard, and about 1/(N+1) of them.
 *
 * <p>Stateless; allocates nothing; any thread. Cost: one mix, then on average ln(shards) + 1 rounds of a multiply and
 * a division.
 */
public final class ShardRouting {
    private ShardRouting() {
    }

    /** The stable 64-bit hash of a key: SplitMix64's next output from state {@code key}. */
    public static long hash(long key) {
        long z = key + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Jump consistent hash: the bucket in {@code 0 .. buckets - 1} of a 64-bit value.
     *
     * @param buckets at least 1
     */
    public static int jump(long hash, int buckets) {
        long b = -1;
        long j = 0;
        long k = hash;
        while (j < buckets) {
            b = j;
            k = k * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((k >>> 33) + 1)));
        }
        return (int) b;
    }

    /** The shard in {@code 0 .. shards - 1} that owns {@code key}. */
    public static int shardOf(long key, int shards) {
        return shards == 1 ? 0 : jump(hash(key), shards);
    }
}
