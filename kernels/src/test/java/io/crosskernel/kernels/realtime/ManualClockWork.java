package io.crosskernel.kernels.realtime;

import io.crosskernel.api.Clock;
import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.ManualClock;
import io.crosskernel.kernels.common.InjectedFault;

/**
 * Test-only {@link StageWork}: each job "executes" by advancing a {@link ManualClock} by its cost plus a fixed extra
 * (to provoke budget overruns), then throws if fault injection selected it. Deterministic in virtual time.
 */
final class ManualClockWork implements StageWork {
    private final ManualClock clock;
    private final long extraNanos;
    int runs;

    ManualClockWork(ManualClock clock, long extraNanos) {
        this.clock = clock;
        this.extraNanos = extraNanos;
    }

    @Override
    public void run(Clock ignored, HiccupMeter hiccups, long startNanos, long costNanos, boolean fail) {
        runs++;
        clock.advance(costNanos + extraNanos);
        hiccups.sample(clock.nanoTime());
        if (fail) {
            throw InjectedFault.INSTANCE;
        }
    }
}
