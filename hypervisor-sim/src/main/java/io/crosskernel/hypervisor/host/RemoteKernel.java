package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import java.util.Map;

/**
 * The host's stand-in for a kernel that runs in a process of its own: it takes the kernel's place in the run's list
 * of booted kernels, so boot order, the report and the shut-down sequence treat it as any other, while the kernel
 * itself boots, runs and stops in the child JVM ({@link ProcessKernels}, {@link KernelProcessMain}). The host starts
 * no worker thread for it, so its duty cycle is never called here; its figures are the host's mirrors of the
 * process's counters, and its {@link Kernel#stats() details} are those the kernel process wrote at its end
 * ({@link KernelProcess#results}; none when it left none).
 *
 * <p>Threading: host thread only.
 */
final class RemoteKernel implements Kernel {
    private final String name;
    private final KernelProcess process;

    RemoteKernel(String name, KernelProcess process) {
        this.name = name;
        this.process = process;
    }

    /** Host thread, after {@link ProcessKernels#stop}: the details the kernel's process reported at its end. */
    @Override
    public Map<String, Object> stats() {
        return process.results == null ? Map.of() : process.results.details();
    }

    @Override
    public void onBoot(KernelContext context) {
        // Booted by its own process, which ProcessKernels started and waited for.
    }

    @Override
    public int doWork(int worker) {
        throw new IllegalStateException("kernel '" + name + "' runs in a process of its own: the host never runs"
                + " its duty cycle");
    }
}
