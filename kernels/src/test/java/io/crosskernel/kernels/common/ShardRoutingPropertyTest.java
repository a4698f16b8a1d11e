package io.crosskernel.kernels.common;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The routing rule of shard groups (docs/SHARDING.md): a key's shard is a function of the key and the shard count
 * alone, stable across runs and JVMs, and growing a group by one shard moves about 1/(N+1) of the keys, all to the new
 * shard.
 */
class ShardRoutingPropertyTest {
    /** Keys sampled to measure the moved fraction: its standard deviation is then at most 0.0016. */
    private static final int SAMPLE = 100_000;
    /** The stated bound: |moved - 1/(N+1)| <= 0.01, over six standard deviations of the sample. */
    private static final double BOUND = 0.01;

    @Property
    void aKeysShardDependsOnlyOnTheKeyAndTheShardCount(@ForAll long key,
            @ForAll @IntRange(min = 1, max = 1024) int shards) {
        int shard = ShardRouting.shardOf(key, shards);

        assertThat(shard).isBetween(0, shards - 1);
        // Recomputed from nothing but the two inputs, after other keys were routed in between: the same answer.
        ShardRouting.shardOf(key + 1, shards + 1);
        assertThat(ShardRouting.shardOf(key, shards)).isEqualTo(shard);
        assertThat(ShardRouting.jump(ShardRouting.hash(key), shards)).isEqualTo(shard);
    }

    @Property
    void growingByOneShardMovesKeysOnlyToTheNewShard(@ForAll long key,
            @ForAll @IntRange(min = 1, max = 1023) int shards) {
        int before = ShardRouting.shardOf(key, shards);
        int after = ShardRouting.shardOf(key, shards + 1);

        assertThat(after == before || after == shards).as("key %d: shard %d of %d, then %d of %d", key, before,
                shards, after, shards + 1).isTrue();
    }

    @Property(tries = 40)
    void theFractionMovedFromNToNPlusOneIsWithinTheBoundOfOneOverNPlusOne(
            @ForAll @IntRange(min = 1, max = 64) int shards, @ForAll long firstKey) {
        int moved = 0;
        for (int i = 0; i < SAMPLE; i++) {
            long key = firstKey + i;
            if (ShardRouting.shardOf(key, shards) != ShardRouting.shardOf(key, shards + 1)) {
                moved++;
            }
        }
        double fraction = moved / (double) SAMPLE;

        assertThat(fraction).isCloseTo(1.0 / (shards + 1), org.assertj.core.data.Offset.offset(BOUND));
    }

    @Test
    void theRuleIsPinnedToFixedValuesSoAnotherJvmOrAChangeOfCodeCannotMoveKeysSilently() {
        // 0xE220A8397B1DCDAF is SplitMix64's well-known first output from seed 0. The shards were computed once from
        // the definition (SplitMix64 output for the key as state, then Lamping and Veach's jump):
        // a change here moves every stored key to another shard.
        assertThat(ShardRouting.hash(0)).isEqualTo(0xE220A8397B1DCDAFL);
        int[] shardsOfFirstKeys = new int[16];
        for (int k = 0; k < 16; k++) {
            shardsOfFirstKeys[k] = ShardRouting.shardOf(k, 4);
        }
        assertThat(shardsOfFirstKeys).containsExactly(PINNED_SHARDS_OF_4);
    }

    static final int[] PINNED_SHARDS_OF_4 = {3, 3, 0, 1, 3, 3, 0, 1, 0, 2, 2, 0, 1, 2, 3, 1};

    @Test
    void oneShardOwnsEveryKey() {
        assertThat(ShardRouting.shardOf(Long.MIN_VALUE, 1)).isZero();
        assertThat(ShardRouting.shardOf(42, 1)).isZero();
    }
}
