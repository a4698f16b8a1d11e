package io.crosskernel.hypervisor.affinity;

import java.util.List;

/**
 * What happened when a thread asked to be pinned. Immutable; safe to share between threads.
 *
 * @param requestedCpu the CPU asked for
 * @param grantedCpus  the CPUs the thread may run on after the attempt, as the OS reports them (sorted); empty when
 *                     they could not be read
 * @param pinned       true only if the thread now runs on exactly {@code requestedCpu}
 * @param detail       one line for logs and reports: what was granted, or why pinning failed
 */
public record PinResult(int requestedCpu, List<Integer> grantedCpus, boolean pinned, String detail) {
    public PinResult {
        grantedCpus = List.copyOf(grantedCpus);
    }
}
