package io.crosskernel.kernels.realtime;

import io.crosskernel.api.ManualClock;

/** Drives a {@link RealtimeScheduler} in virtual time: poll while there is work, else jump to the next release. */
final class VirtualTime {
    private VirtualTime() {
    }

    /** Runs until the clock reaches {@code endNanos} (a job in progress may carry it a little further). */
    static void runUntil(RealtimeScheduler scheduler, ManualClock clock, long endNanos) {
        while (clock.nanoTime() < endNanos) {
            if (scheduler.poll(clock.nanoTime()) == 0) {
                long next = scheduler.nextReleaseNanos();
                if (next == Long.MAX_VALUE || next >= endNanos) {
                    clock.set(Math.max(clock.nanoTime(), endNanos));
                    return;
                }
                clock.set(next);
            }
        }
    }
}
