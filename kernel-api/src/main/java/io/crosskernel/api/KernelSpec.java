package io.crosskernel.api;

import java.util.List;
import java.util.Map;

/**
 * What the scenario asked for one kernel: its name, type, cores and type-specific settings (as the raw strings the
 * user wrote, for the {@link KernelFactory} to parse with {@link Units}).
 */
public record KernelSpec(String name, String type, List<Integer> cores, Map<String, String> settings) {
    public KernelSpec {
        cores = List.copyOf(cores);
        settings = Map.copyOf(settings);
    }
}
