package io.crosskernel.kernels.compute;

import java.util.List;

/**
 * What happened when one ForkJoinPool thread of a compute kernel asked to be pinned. Immutable.
 *
 * @param thread      the pool thread's name
 * @param cpu         the core it asked for
 * @param grantedCpus the CPUs the OS lets it run on afterwards (empty when they could not be read)
 * @param pinned      true only if it now runs on exactly {@code cpu}
 * @param detail      one line for the report: what was granted, or why pinning failed
 */
public record ForkJoinPin(String thread, int cpu, List<Integer> grantedCpus, boolean pinned, String detail) {
    public ForkJoinPin {
        grantedCpus = List.copyOf(grantedCpus);
    }
}
