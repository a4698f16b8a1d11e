package io.crosskernel.hypervisor.journal;

import java.util.List;

/**
 * The run's identity, the first entry of the host queue.
 *
 * @param kernels  every kernel, by id
 * @param channels every channel, in link order
 *
 * <p>Immutable; any thread.
 */
public record JournalHeader(int formatVersion, PayloadMode payloadMode, long timestampNanos, long seed,
        String scenarioName, String scenarioText, String scenarioSha256, String plan, String topology, String jvm,
        List<KernelInfo> kernels, List<ChannelInfo> channels) {

    public JournalHeader {
        kernels = List.copyOf(kernels);
        channels = List.copyOf(channels);
    }

    /** A kernel of the run: its id, scenario name and type. */
    public record KernelInfo(int id, String name, String type) {
    }

    /** A channel of the run. */
    public record ChannelInfo(int from, int to, int capacity, String policy) {
    }

    /** The name of kernel {@code id}, or {@code #id} when the header does not know it. */
    public String kernelName(int id) {
        return id >= 0 && id < kernels.size() ? kernels.get(id).name() : "#" + id;
    }
}
