package io.crosskernel.hypervisor.scenario;

import io.crosskernel.hypervisor.channel.LinkSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated scenario: everything one run needs, with positions kept for errors found later (partitioning).
 *
 * @param file          the file it was read from (null when parsed from a string)
 * @param sourceText    the file's text, unchanged
 * @param name          {@code name:}, default: the file name without extension
 * @param durationNanos how long sources run after the warm-up ({@code duration:}, default 10s)
 * @param warmupNanos   measurements before this are discarded ({@code warmup:}, default 0)
 * @param seed          seed for every random arrival process ({@code seed:}, default 1)
 * @param host          {@code host:} settings
 * @param kernels       {@code kernels:}, in file order; a kernel's id is its index here
 * @param links         the channels to build, after applying {@code channels:} defaults and topology
 * @param workloads     {@code workload:} entries; a workload's route id is its index here
 * @param expectations  {@code expect:} entries
 */
public record Scenario(Path file, String sourceText, String name, long durationNanos, long warmupNanos, long seed,
        HostSettings host, List<KernelDecl> kernels, List<LinkSpec> links, List<WorkloadDecl> workloads,
        List<Expectation> expectations) {
    public Scenario {
        kernels = List.copyOf(kernels);
        links = List.copyOf(links);
        workloads = List.copyOf(workloads);
        expectations = List.copyOf(expectations);
    }

    /** The same scenario with another {@code duration:} (the CLI's {@code --duration}). */
    public Scenario withDuration(long newDurationNanos) {
        return new Scenario(file, sourceText, name, newDurationNanos, warmupNanos, seed, host, kernels, links,
                workloads, expectations);
    }

    /** @return the kernel called {@code name}, or null */
    public KernelDecl kernel(String name) {
        for (KernelDecl kernel : kernels) {
            if (kernel.name().equals(name)) {
                return kernel;
            }
        }
        return null;
    }
}
