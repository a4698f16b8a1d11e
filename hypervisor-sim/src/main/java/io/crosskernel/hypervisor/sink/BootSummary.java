package io.crosskernel.hypervisor.sink;

import java.util.List;

/**
 * What the host set up before the workload started.
 *
 * @param workers one line per worker: kernel, worker index, planned core and what pinning was granted
 * @param announcements what kernels told the user while booting, e.g. the ports their listeners bound
 * @param bootNanos time from the first boot step until every worker was running
 */
public record BootSummary(List<String> workers, List<String> announcements, long bootNanos) {
    public BootSummary {
        workers = List.copyOf(workers);
        announcements = List.copyOf(announcements);
    }
}
