package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;

/**
 * The host's stand-in for a kernel that runs in a process of its own: it takes the kernel's place in the run's list
 * of booted kernels, so boot order, the report and the shut-down sequence treat it as any other, while the kernel
 * itself boots, runs and stops in the child JVM ({@link ProcessKernels}, {@link KernelProcessMain}). The host starts
 * no worker thread for it, so its duty cycle is never called here; its figures are the host's mirrors of the
 * process's counters, and it reports no {@link Kernel#stats() details} of its own (the {@code general} kernel, the
 * one type a process runs in this release, has none).
 *
 * <p>Threading: host thread only.
 */
final class RemoteKernel implements Kernel {
    private final String name;

    RemoteKernel(String name) {
        this.name = name;
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
