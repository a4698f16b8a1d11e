package io.crosskernel.kernels.general;

import io.crosskernel.kernels.common.Job;
import org.jctools.queues.SpscArrayQueue;

/**
 * The two single-producer single-consumer queues between the dispatching worker 0 and one other worker {@code i}
 * of the same kernel: jobs to run (0 → i) and finished jobs (i → 0).
 *
 * <p>Both are sized to the kernel's job pool, so an offer can only fail through a bookkeeping bug: at most every job
 * of the pool is ever in one of them.
 */
final class WorkerLink {
    /** Producer: worker 0. Consumer: worker i. */
    final SpscArrayQueue<Job> toWorker;
    /** Producer: worker i. Consumer: worker 0. */
    final SpscArrayQueue<Job> finished;

    WorkerLink(int poolCapacity) {
        toWorker = new SpscArrayQueue<>(poolCapacity);
        finished = new SpscArrayQueue<>(poolCapacity);
    }
}
