package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.Reshard;
import io.crosskernel.api.Units;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code reshard: {at: 2s, shards: 5}} of a kernel entry: a live reshard of a storage shard group
 * (docs/SHARDING.md, "Live resharding"). Refused, with the position and a fix: a reshard on a kernel without
 * {@code shards:} or of another type than {@code storage} (only storage shards hold keys to move), a time at or after
 * the run's end, a shard count below 1, above {@link ScenarioParser#MAX_SHARDS} or equal to the group's.
 *
 * <p>Stateless; used by the parser's thread.
 */
final class ReshardReader {
    static final List<String> KEYS = List.of("at", "shards");
    /** The one kernel type whose shards hold state a reshard moves. */
    static final String STORAGE_TYPE = "storage";

    private ReshardReader() {
    }

    /**
     * @param map      the kernel entry, which has {@code reshard}
     * @param what     "kernel 'store'", for messages
     * @param type     the entry's kernel type
     * @param from     the group's declared shards (checked), or 0 when the entry has no {@code shards}
     * @param duration the run's duration: the reshard must come before its end
     */
    static Reshard read(YamlSource source, YamlMap map, String what, String type, int from, long duration) {
        Node node = map.get("reshard");
        if (from == 0) {
            throw source.error(map.keyNode("reshard"), "'reshard' of " + what + " changes the shard count of a shard"
                    + " group, but " + what + " is one kernel", "add 'shards: 4' to make it a group of storage"
                    + " shards, or remove 'reshard'");
        }
        if (!STORAGE_TYPE.equals(type)) {
            throw source.error(map.keyNode("reshard"), "'reshard' of " + what + " moves keys between storage shards,"
                    + " but its type is '" + type + "', whose shards hold no keys", "use 'type: storage', or remove"
                    + " 'reshard'");
        }
        String example = "'reshard: {at: 2s, shards: " + (from + 1) + "}'";
        YamlMap reshard = source.map(node, "'reshard' of " + what, KEYS);
        long at = source.positiveDuration(reshard.require("at", example), "'at' of the reshard", example);
        if (at >= duration) {
            throw source.error(reshard.get("at"), "the reshard of " + what + " is at " + Units.formatNanos(at)
                    + ", but the run ends at " + Units.formatNanos(duration), "reshard before the end, for example"
                    + " at half time: 'at: " + Units.formatNanos(duration / 2) + "'");
        }
        Node shardsNode = reshard.require("shards", example);
        long to = source.integer(shardsNode, "'shards' of the reshard", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (to < 1) {
            throw source.error(shardsNode, "the reshard of " + what + " goes to " + to + " shards: a group needs at"
                    + " least one", "write 'shards: 1' or more");
        }
        if (to > ScenarioParser.MAX_SHARDS) {
            throw source.error(shardsNode, "the reshard of " + what + " goes to " + to + " shards, above "
                    + ScenarioParser.MAX_SHARDS + ", the most a group may have", "use at most "
                    + ScenarioParser.MAX_SHARDS + " shards");
        }
        if (to == from) {
            throw source.error(shardsNode, "the reshard of " + what + " goes to " + to + " shards, which the group"
                    + " already has: nothing would move", "write more shards to grow (" + (from + 1) + ") or fewer"
                    + " to shrink" + (from > 1 ? " (" + (from - 1) + ")" : "") + ", or remove 'reshard'");
        }
        return new Reshard(at, from, (int) to);
    }
}
