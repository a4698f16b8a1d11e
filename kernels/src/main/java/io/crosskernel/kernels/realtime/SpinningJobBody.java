package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Clock;
import java.util.List;

/**
 * A synthetic job that busy-spins on the clock for its task's cost (the budget, or a configured actual cost).
 *
 * <p>Never use it with a clock that only moves when told to (it would spin for ever); tests use a body that advances
 * the clock instead. Threading: the scheduler's owner thread; allocation-free.
 */
public final class SpinningJobBody implements RtJobBody {
    private final Clock clock;
    private final long[] costNanos;

    /** Spins for each task's budget. */
    public SpinningJobBody(Clock clock, List<RtTask> tasks) {
        this(clock, tasks.stream().mapToLong(RtTask::costNanos).toArray());
    }

    /** Spins for {@code costNanos[taskIndex]}. */
    public SpinningJobBody(Clock clock, long[] costNanos) {
        this.clock = clock;
        this.costNanos = costNanos.clone();
    }

    @Override
    public void run(int taskIndex, long jobSeq) {
        clock.spinUntil(clock.nanoTime() + costNanos[taskIndex]);
    }
}
