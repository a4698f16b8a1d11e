package io.crosskernel.kernels.realtime;

/**
 * A periodic task's jobs: job k is released at {@code start + offset + k * period}, so the backlog is just two
 * counters and never overflows, however far behind the core falls.
 *
 * <p>Threading: owned by the scheduler's owner thread.
 */
final class PeriodicJobs extends TaskJobs {
    private final long firstRelease;
    private final long period;
    private long released;
    private long done;

    PeriodicJobs(long startNanos, RtTask task) {
        this.firstRelease = startNanos + task.offsetNanos();
        this.period = task.periodNanos();
    }

    private long releaseOf(long seq) {
        return firstRelease + seq * period;
    }

    @Override
    int releaseDue(long now) {
        int count = 0;
        while (releaseOf(released) <= now) {
            released++;
            count++;
        }
        return count;
    }

    @Override
    boolean hasReady() {
        return done < released;
    }

    @Override
    long headRelease() {
        return releaseOf(done);
    }

    @Override
    long headSeq() {
        return done;
    }

    @Override
    void completeHead() {
        done++;
    }

    @Override
    long nextRelease() {
        return releaseOf(released);
    }

    @Override
    long readyCount() {
        return released - done;
    }
}
