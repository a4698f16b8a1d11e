package io.crosskernel.kernels.general;

import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.TaskQueue;

/**
 * Weighted fair share between task groups, in the style of Linux CFS: each group has a FIFO of runnable jobs and a
 * virtual runtime that advances by the time its tasks ran, scaled by {@code 1024 / weight}; the non-empty group with
 * the smallest virtual runtime runs next. A group of weight 3 therefore gets three times the CPU of a group of weight
 * 1 while both are backlogged.
 *
 * <p>A group that becomes runnable after being empty starts from at least the smallest virtual runtime of the
 * runnable groups (or, when none is runnable, the queue's monotonic minimum): it cannot bank idle time and then
 * starve the others.
 *
 * <p>Threading: single-threaded; each worker owns its own queue. Allocates nothing after construction: the FIFOs are
 * linked through the jobs.
 */
public final class FairShareRunQueue implements TaskQueue {
    /** Virtual runtime advances by {@code ranNanos * NICE_0_WEIGHT / weight}, as CFS does for nice 0. */
    static final long NICE_0_WEIGHT = 1024;

    private final JobQueue[] fifos;
    private final int[] weights;
    private final long[] vruntime;
    private final long[] remainder;
    private long minVruntime;
    private int size;

    /** @param weights each group's weight (at least 1), indexed by group */
    public FairShareRunQueue(int[] weights) {
        this.weights = weights.clone();
        this.fifos = new JobQueue[weights.length];
        this.vruntime = new long[weights.length];
        this.remainder = new long[weights.length];
        for (int g = 0; g < weights.length; g++) {
            if (weights[g] < 1) {
                throw new IllegalArgumentException("weight of group " + g + " must be at least 1, got " + weights[g]);
            }
            fifos[g] = new JobQueue();
        }
    }

    /** Queues {@code job} at the tail of group {@code job.group}. */
    public void enqueue(Job job) {
        int g = job.group;
        JobQueue fifo = fifos[g];
        if (fifo.isEmpty()) {
            vruntime[g] = Math.max(vruntime[g], floor());
        }
        fifo.add(job);
        size++;
    }

    /** @return the runnable group with the smallest virtual runtime (lowest index on a tie), or -1 when all are empty */
    public int pickGroup() {
        int best = -1;
        long bestVruntime = Long.MAX_VALUE;
        for (int g = 0; g < fifos.length; g++) {
            if (!fifos[g].isEmpty() && vruntime[g] < bestVruntime) {
                best = g;
                bestVruntime = vruntime[g];
            }
        }
        if (best >= 0 && bestVruntime > minVruntime) {
            minVruntime = bestVruntime;
        }
        return best;
    }

    /** The head job of the group {@link #pickGroup()} picks, removed, or {@code null} when every group is empty. */
    @Override
    public Job poll() {
        int group = pickGroup();
        return group < 0 ? null : poll(group);
    }

    /** {@link #charge(int, long)} for the job's group ({@link Job#group}). */
    @Override
    public void charge(Job job, long ranNanos) {
        charge(job.group, ranNanos);
    }

    /** Removes and returns the head job of {@code group} (one {@link #pickGroup()} returned). */
    public Job poll(int group) {
        Job job = fifos[group].poll();
        if (job != null) {
            size--;
        }
        return job;
    }

    /**
     * Charges a group for a task that ran {@code ranNanos}. At least one nanosecond is charged so that groups of
     * zero-cost tasks still take turns (in proportion to their weights).
     */
    public void charge(int group, long ranNanos) {
        // Carry the division's remainder so that small charges with large weights do not drift off their share.
        long scaled = Math.max(1, ranNanos) * NICE_0_WEIGHT + remainder[group];
        int weight = weights[group];
        vruntime[group] += scaled / weight;
        remainder[group] = scaled % weight;
    }

    /** @return jobs queued in all groups */
    public int size() {
        return size;
    }

    /** @return jobs queued in {@code group} */
    public int size(int group) {
        return fifos[group].size();
    }

    /** @return the virtual runtime of {@code group} (for tests and diagnostics) */
    public long vruntime(int group) {
        return vruntime[group];
    }

    public int groupCount() {
        return fifos.length;
    }

    private long floor() {
        long min = Long.MAX_VALUE;
        for (int g = 0; g < fifos.length; g++) {
            if (!fifos[g].isEmpty() && vruntime[g] < min) {
                min = vruntime[g];
            }
        }
        return min == Long.MAX_VALUE ? minVruntime : min;
    }
}
