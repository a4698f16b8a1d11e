package io.crosskernel.kernels.realtime;

import io.crosskernel.api.ManualClock;

/**
 * A job body for virtual-time tests: each job "executes" by advancing a {@link ManualClock} by an exact cost, and the
 * order of execution is logged into a preallocated array.
 */
final class ClockAdvancingBody implements RtJobBody {
    /** The cost of one job in virtual nanoseconds. */
    @FunctionalInterface
    interface Cost {
        long of(int taskIndex, long jobSeq);
    }

    private final ManualClock clock;
    private final Cost cost;
    private final int[] order;
    private int runs;

    ClockAdvancingBody(ManualClock clock, Cost cost, int logCapacity) {
        this.clock = clock;
        this.cost = cost;
        this.order = new int[logCapacity];
    }

    @Override
    public void run(int taskIndex, long jobSeq) {
        if (runs < order.length) {
            order[runs] = taskIndex;
        }
        runs++;
        clock.advance(cost.of(taskIndex, jobSeq));
    }

    /** Task indices in the order their jobs ran (up to the log capacity). */
    int[] order() {
        return java.util.Arrays.copyOf(order, Math.min(runs, order.length));
    }

    int runs() {
        return runs;
    }
}
