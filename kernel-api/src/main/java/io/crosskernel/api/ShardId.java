package io.crosskernel.api;

/**
 * Which shard of a group a kernel is: a scenario's {@code {name: store, shards: 4, ...}} boots kernels
 * {@code store-0} .. {@code store-3}, each with {@code ShardId("store", i, 4)} (docs/SHARDING.md).
 *
 * @param group the group's name, as stages address it
 * @param index this kernel's shard, {@code 0 .. count - 1}
 * @param count   the shard kernels of the group (with a reshard, max(from, to): {@link Reshard#kernels()})
 * @param reshard the group's live reshard, or null when its shard count never changes
 */
public record ShardId(String group, int index, int count, Reshard reshard) {
    public ShardId {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist");
        }
        if (reshard != null && reshard.kernels() != count) {
            throw new IllegalArgumentException("a group resharding from " + reshard.from() + " to " + reshard.to()
                    + " shards boots " + reshard.kernels() + " shard kernels, not " + count);
        }
    }

    /** A shard of a group that never reshards. */
    public ShardId(String group, int index, int count) {
        this(group, index, count, null);
    }

    /** The shards that own keys at the end of the run: the reshard's target, else all of them. */
    public int finalCount() {
        return reshard == null ? count : reshard.to();
    }

    /** The kernel name of shard {@code index} of {@code group}: {@code group-index}. */
    public static String kernelName(String group, int index) {
        return group + "-" + index;
    }
}
