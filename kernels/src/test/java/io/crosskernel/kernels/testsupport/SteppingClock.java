package io.crosskernel.kernels.testsupport;

import io.crosskernel.api.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only clock that moves forward by a fixed step on every reading: a busy-spinning task then "runs" for a
 * deterministic number of readings, which makes CPU-time tests reproducible on a noisy machine.
 *
 * <p>Threading: any thread; each reading is an atomic add.
 */
public final class SteppingClock implements Clock {
    private final AtomicLong now;
    private final long step;

    public SteppingClock(long start, long step) {
        this.now = new AtomicLong(start);
        this.step = step;
    }

    @Override
    public long nanoTime() {
        return now.getAndAdd(step);
    }
}
