package io.crosskernel.hypervisor.partition;

import java.util.List;

/**
 * Where one kernel's workers run. Immutable; safe to share between threads.
 *
 * @param kernelId the kernel's index in the scenario
 * @param name     the kernel's name
 * @param type     the kernel's type
 * @param cores    the cores as written in the scenario; worker i runs on {@code cores.get(i)}
 * @param physical {@code physical.get(i)} is false when {@code cores.get(i)} does not exist on this machine (only
 *                 possible with {@code host.oversubscribe: true}): worker i then runs unpinned
 */
public record KernelPlacement(int kernelId, String name, String type, List<Integer> cores, List<Boolean> physical) {
    public KernelPlacement {
        cores = List.copyOf(cores);
        physical = List.copyOf(physical);
        if (cores.size() != physical.size()) {
            throw new IllegalArgumentException("kernel '" + name + "': " + cores.size() + " cores but "
                    + physical.size() + " physical flags");
        }
    }

    /** @return the number of workers (one per listed core) */
    public int workers() {
        return cores.size();
    }

    /** @return true if worker {@code worker} is pinned to its core, false if it runs unpinned */
    public boolean pinned(int worker) {
        return physical.get(worker);
    }
}
