package io.crosskernel.api;

/**
 * Which shard of a group a kernel is: a scenario's {@code {name: store, shards: 4, ...}} boots kernels
 * {@code store-0} .. {@code store-3}, each with {@code ShardId("store", i, 4)} (docs/SHARDING.md).
 *
 * @param group the group's name, as stages address it
 * @param index this kernel's shard, {@code 0 .. count - 1}
 * @param count the shards of the group
 */
public record ShardId(String group, int index, int count) {
    public ShardId {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist");
        }
    }

    /** The kernel name of shard {@code index} of {@code group}: {@code group-index}. */
    public static String kernelName(String group, int index) {
        return group + "-" + index;
    }
}
