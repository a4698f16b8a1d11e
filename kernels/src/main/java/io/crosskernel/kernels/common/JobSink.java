package io.crosskernel.kernels.common;

/**
 * Where a kernel puts a job whose next stage runs on this kernel: its scheduler's run queue (possibly on another of
 * its workers).
 *
 * <p>Threading: called only by the kernel's dispatching worker. Implementations are long-lived objects, never
 * capturing lambdas, so that handing a job over allocates nothing. The sink takes ownership of the job.
 */
@FunctionalInterface
public interface JobSink {
    void accept(Job job);
}
