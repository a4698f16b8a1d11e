package io.crosskernel.kernels.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Reshard;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the resharding protocol relies on from jump hashing (docs/SHARDING.md, "Live resharding"): a key that changes
 * owner goes from a shard {@link Reshard#loses} keys to one that {@link Reshard#gains} them, never between two others,
 * and no shard both loses and gains; the fraction that moves is within 0.015 (over four standard deviations of 20 000 keys) of |to - from| / max(from, to).
 */
class ReshardOwnershipPropertyTest {
    @Test
    void everyMoveGoesFromALosingShardToAGainingOne() {
        SplittableRandom random = new SplittableRandom(14);
        for (int from = 1; from <= 16; from++) {
            for (int to = 1; to <= 16; to++) {
                if (from == to) {
                    continue;
                }
                Reshard reshard = new Reshard(1, from, to);
                for (int i = 0; i < reshard.kernels(); i++) {
                    assertThat(reshard.loses(i) && reshard.gains(i)).isFalse();
                }
                int losing = 0;
                for (int i = 0; i < reshard.kernels(); i++) {
                    losing += reshard.loses(i) ? 1 : 0;
                }
                assertThat(losing).isEqualTo(reshard.losingShards());
                int moved = 0;
                int keys = 20_000;
                for (int n = 0; n < keys; n++) {
                    long key = random.nextLong();
                    int before = ShardRouting.shardOf(key, from);
                    int after = ShardRouting.shardOf(key, to);
                    if (before != after) {
                        moved++;
                        assertThat(reshard.loses(before)).as("%d -> %d: key %d leaves %d", from, to, key, before)
                                .isTrue();
                        assertThat(reshard.gains(after)).as("%d -> %d: key %d joins %d", from, to, key, after)
                                .isTrue();
                    }
                }
                double expected = Math.abs(to - from) / (double) Math.max(from, to);
                assertThat(moved / (double) keys).as("%d -> %d", from, to).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(0.015));
            }
        }
    }
}
