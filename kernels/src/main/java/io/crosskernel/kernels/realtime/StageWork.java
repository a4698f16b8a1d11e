package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Clock;
import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.kernels.common.SyntheticTask;

/**
 * What one job of a realtime kernel's stage does: in a run, {@link SyntheticTask#run} (a busy spin of the stage's
 * cost on the kernel's clock); in deterministic tests, a body that advances a {@link io.crosskernel.api.ManualClock}.
 *
 * <p>Threading: called only by the kernel's single worker; must not allocate, block or log.
 */
@FunctionalInterface
interface StageWork {
    /**
     * The production work: spin for {@code costNanos} from {@code startNanos}, every reading going to the worker's
     * hiccup meter, then throw if {@code fail}.
     */
    StageWork SPIN = SyntheticTask::run;

    /**
     * Runs the work of one job that started at {@code startNanos}.
     *
     * @param fail fault injection selected this job: the work must throw after doing its work
     */
    void run(Clock clock, HiccupMeter hiccups, long startNanos, long costNanos, boolean fail);
}
