package io.crosskernel.kernels.common;

/**
 * A first-in first-out queue of {@link Job}s linked through the jobs themselves, so it is unbounded yet never
 * allocates: a job is in at most one queue at a time.
 *
 * <p>Threading: single-threaded; owned by one worker.
 */
public final class JobQueue implements TaskQueue {
    private Job head;
    private Job tail;
    private int size;

    /** Appends {@code job} at the tail. */
    public void add(Job job) {
        job.next = null;
        if (tail == null) {
            head = job;
        } else {
            tail.next = job;
        }
        tail = job;
        size++;
    }

    /** @return the head without removing it, or {@code null} when empty */
    public Job peek() {
        return head;
    }

    /** @return the head, removed, or {@code null} when empty */
    @Override
    public Job poll() {
        Job job = head;
        if (job == null) {
            return null;
        }
        head = job.next;
        if (head == null) {
            tail = null;
        }
        job.next = null;
        size--;
        return job;
    }

    public boolean isEmpty() {
        return head == null;
    }

    public int size() {
        return size;
    }
}
