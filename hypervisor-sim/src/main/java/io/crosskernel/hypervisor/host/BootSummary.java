package io.crosskernel.hypervisor.host;

import java.util.List;

/**
 * What the host set up before the workload started.
 *
 * @param workers one line per worker: kernel, worker index, planned core and what pinning was granted
 * @param bootNanos time from the first boot step until every worker was running
 */
public record BootSummary(List<String> workers, long bootNanos) {
    public BootSummary {
        workers = List.copyOf(workers);
    }
}
