package io.crosskernel.kernels.common;

import io.crosskernel.api.KernelContext;

/**
 * What a task that threw means for the run: the one error policy of every kernel type.
 *
 * <ul>
 *   <li>Anything the task throws (a checked exception, a {@link RuntimeException}, an {@link Error}) fails that task
 *       only; {@link DispatcherCore} has counted it as failed on its route and handed its job on (back to the pool)
 *       before {@link #report} is called.</li>
 *   <li>An ordinary failure is reported once, through {@link KernelContext#reportTaskError}, naming the task; the
 *       host applies {@code host.onError} (carry on, or stop the run).</li>
 *   <li>A failure that the kernel cannot go on after is <em>run-fatal</em>: a {@link VirtualMachineError}
 *       ({@link OutOfMemoryError}, {@link StackOverflowError}: the JVM's state can no longer be trusted to be what
 *       the counts say), or the kernel type's own fatal fault (the storage kernel's failed log). The first one
 *       stops the run through {@link KernelContext#failRun} (exit 3, whatever {@code onError} says); later ones on
 *       the same worker are only counted, since the run is already stopping.</li>
 *   <li>An {@link InterruptedException} also restores the worker thread's interrupt flag, so the host that
 *       interrupted it sees it.</li>
 * </ul>
 *
 * <p>Threading: one instance per worker, used only by that worker. The success path never touches it; the error
 * path allocates the report.
 */
public final class TaskFailurePolicy {
    private final KernelContext context;
    private final int worker;
    private final Class<? extends Throwable> kernelFatal;
    private boolean runFailed;

    private TaskFailurePolicy(KernelContext context, int worker, Class<? extends Throwable> kernelFatal) {
        this.context = context;
        this.worker = worker;
        this.kernelFatal = kernelFatal;
    }

    /** The policy for worker {@code worker}: only a {@link VirtualMachineError} is run-fatal. */
    public static TaskFailurePolicy standard(KernelContext context, int worker) {
        return new TaskFailurePolicy(context, worker, null);
    }

    /**
     * The policy for a kernel whose own fault {@code kernelFatal} is run-fatal too; the run fails with that
     * exception's message (it must be one line for the user: what failed, where, what it means).
     */
    public static TaskFailurePolicy alsoFatal(KernelContext context, int worker,
            Class<? extends Throwable> kernelFatal) {
        return new TaskFailurePolicy(context, worker, kernelFatal);
    }

    /** @return true when {@code error} stops the run rather than failing one task */
    public boolean isRunFatal(Throwable error) {
        return error instanceof VirtualMachineError || (kernelFatal != null && kernelFatal.isInstance(error));
    }

    /**
     * Reports a failed task, once. Call after the job was handed on: the host may stop the run from inside this call.
     *
     * @param taskName the task as the report names it ({@code workload#stage}, or a realtime task's name)
     */
    public void report(String taskName, Throwable error) {
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (!isRunFatal(error)) {
            context.reportTaskError(worker, taskName, error);
            return;
        }
        if (runFailed) {
            return; // the run is already stopping: this one is counted, not reported again
        }
        runFailed = true;
        String reason = error instanceof VirtualMachineError
                ? "task " + taskName + " of kernel " + context.kernelName() + " threw " + error
                        + ": the JVM cannot be trusted to go on, so the run stops"
                : error.getMessage();
        context.failRun(worker, reason, error);
    }
}
