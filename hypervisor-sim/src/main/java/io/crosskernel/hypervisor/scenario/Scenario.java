package io.crosskernel.hypervisor.scenario;

import io.crosskernel.hypervisor.channel.LinkSpec;
import java.nio.file.Path;
import io.crosskernel.hypervisor.sim.SimFault;
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
 * @param readWarnings  what the reader found questionable in the file itself; see {@link #warnings()} for all
 * @param simFaults     {@code sim: {faults: [...]}}: faults a simulated run injects; a real run ignores them
 */
public record Scenario(Path file, String sourceText, String name, long durationNanos, long warmupNanos, long seed,
        HostSettings host, List<KernelDecl> kernels, List<LinkSpec> links, List<WorkloadDecl> workloads,
        List<Expectation> expectations, List<ScenarioWarning> readWarnings, List<SimFault> simFaults) {
    public Scenario {
        simFaults = List.copyOf(simFaults);
        kernels = List.copyOf(kernels);
        links = List.copyOf(links);
        workloads = List.copyOf(workloads);
        expectations = List.copyOf(expectations);
        readWarnings = List.copyOf(readWarnings);
    }

    /** A scenario without simulation faults. */
    public Scenario(Path file, String sourceText, String name, long durationNanos, long warmupNanos, long seed,
            HostSettings host, List<KernelDecl> kernels, List<LinkSpec> links, List<WorkloadDecl> workloads,
            List<Expectation> expectations, List<ScenarioWarning> readWarnings) {
        this(file, sourceText, name, durationNanos, warmupNanos, seed, host, kernels, links, workloads, expectations,
                readWarnings, List.of());
    }

    /** A scenario without warnings (tests, embedding). */
    public Scenario(Path file, String sourceText, String name, long durationNanos, long warmupNanos, long seed,
            HostSettings host, List<KernelDecl> kernels, List<LinkSpec> links, List<WorkloadDecl> workloads,
            List<Expectation> expectations) {
        this(file, sourceText, name, durationNanos, warmupNanos, seed, host, kernels, links, workloads, expectations,
                List.of());
    }

    /** The same scenario with another {@code duration:} (the CLI's {@code --duration}). */
    public Scenario withDuration(long newDurationNanos) {
        return new Scenario(file, sourceText, name, newDurationNanos, warmupNanos, seed, host, kernels, links,
                workloads, expectations, readWarnings, simFaults);
    }

    /**
     * Everything a user should hear about before this scenario runs: the reader's warnings, then the workloads
     * that release nothing within this run's {@code warmup + duration}. Computed for the duration this instance
     * holds, so after {@link #withDuration} it covers the shortened run.
     */
    public List<ScenarioWarning> warnings() {
        List<ScenarioWarning> all = new java.util.ArrayList<>(readWarnings);
        all.addAll(RunWindow.check(this));
        return List.copyOf(all);
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
