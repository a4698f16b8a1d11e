package io.crosskernel.api;

import java.util.List;
import java.util.Map;

/**
 * What the scenario asked for one kernel: its name, type, cores and type-specific settings (as the raw strings the
 * user wrote, for the {@link KernelFactory} to parse with {@link Units}), and which shard of a group it is, if any.
 *
 * @param shard the kernel's place in its shard group, or null for a kernel that is no shard
 */
public record KernelSpec(String name, String type, List<Integer> cores, Map<String, String> settings,
        ShardId shard) {
    /** A kernel that is no shard. */
    public KernelSpec(String name, String type, List<Integer> cores, Map<String, String> settings) {
        this(name, type, cores, settings, null);
    }

    public KernelSpec {
        cores = List.copyOf(cores);
        settings = Map.copyOf(settings);
    }
}
