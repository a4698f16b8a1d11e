package io.crosskernel.kernels.common;

/**
 * A fixed set of {@link Job}s, all created up front; taking and returning one never allocates.
 *
 * <p>Threading: single-threaded. Only the kernel's dispatching worker may call {@link #acquire()} and
 * {@link #release(Job)}; jobs run by other workers come back to it before they are released.
 */
public final class JobPool {
    private final Job[] free;
    private int freeCount;

    /** Creates {@code capacity} jobs (at least 1). */
    public JobPool(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a job pool needs at least one job, got " + capacity);
        }
        free = new Job[capacity];
        for (int i = 0; i < capacity; i++) {
            Job job = new Job();
            job.pooled = true;
            free[i] = job;
        }
        freeCount = capacity;
    }

    /** @return a job whose fields the caller must all set, or {@code null} when every job is in use */
    public Job acquire() {
        if (freeCount == 0) {
            return null;
        }
        Job job = free[--freeCount];
        free[freeCount] = null;
        job.pooled = false;
        job.overran = false;
        return job;
    }

    /**
     * Returns a job to the pool.
     *
     * @throws IllegalStateException if the job is already in the pool (a bookkeeping bug that would hand one job to
     *                               two requests)
     */
    public void release(Job job) {
        if (job.pooled) {
            throw new IllegalStateException("job released twice: " + job);
        }
        job.pooled = true;
        job.next = null;
        job.receivedNanos = 0;
        free[freeCount++] = job;
    }

    /** @return jobs available to {@link #acquire()} */
    public int free() {
        return freeCount;
    }

    /** @return jobs taken and not yet released: requests in flight in this kernel */
    public int inUse() {
        return free.length - freeCount;
    }

    /** @return how many jobs the pool owns */
    public int capacity() {
        return free.length;
    }
}
