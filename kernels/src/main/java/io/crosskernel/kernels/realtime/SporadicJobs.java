package io.crosskernel.kernels.realtime;

/**
 * A sporadic task's jobs, in a preallocated ring of release times.
 *
 * <p>Minimum inter-arrival enforcement: an arrival sooner than {@code minInterArrival} after the previous job's
 * release is <em>deferred</em> (released at the earliest legal instant, previous release + minimum inter-arrival), not
 * dropped, and the caller counts it. Deferring keeps the arrival pattern the analysis assumed, so admitted tasks keep
 * their guarantees; the job's deadline runs from its deferred release. An arrival that finds the ring full is refused.
 *
 * <p>Threading: owned by the scheduler's owner thread; allocation-free after construction.
 */
final class SporadicJobs extends TaskJobs {
    static final int ACCEPTED = 0;
    static final int DEFERRED = 1;
    static final int REFUSED = -1;

    private final long minInterArrival;
    private final long[] releases;
    private long head;  // oldest job not finished
    private long ready; // first job not yet released
    private long tail;  // next sequence number to accept
    private long lastRelease;
    private boolean anyAccepted;

    SporadicJobs(RtTask task, int backlog) {
        this.minInterArrival = task.periodNanos();
        this.releases = new long[backlog];
    }

    /** Accepts a job arriving at {@code arrival}: {@link #ACCEPTED}, {@link #DEFERRED} or {@link #REFUSED}. */
    int accept(long arrival) {
        if (tail - head == releases.length) {
            return REFUSED;
        }
        long release = arrival;
        if (anyAccepted && arrival < lastRelease + minInterArrival) {
            release = lastRelease + minInterArrival;
        }
        releases[slot(tail)] = release;
        tail++;
        lastRelease = release;
        anyAccepted = true;
        return release == arrival ? ACCEPTED : DEFERRED;
    }

    private int slot(long seq) {
        return (int) (seq % releases.length);
    }

    @Override
    int releaseDue(long now) {
        int count = 0;
        while (ready < tail && releases[slot(ready)] <= now) {
            ready++;
            count++;
        }
        return count;
    }

    @Override
    boolean hasReady() {
        return head < ready;
    }

    @Override
    long headRelease() {
        return releases[slot(head)];
    }

    @Override
    long headSeq() {
        return head;
    }

    @Override
    void completeHead() {
        head++;
    }

    @Override
    long nextRelease() {
        return ready < tail ? releases[slot(ready)] : Long.MAX_VALUE;
    }

    @Override
    long readyCount() {
        return ready - head;
    }
}
