package io.crosskernel.hypervisor.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.hiccup.Intervals;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CollectorPausesTest {
    @Test
    void aRealCollectionArrivesAsAnIntervalOnTheRunClockAroundWhenItHappened() {
        try (CollectorPauses pauses = CollectorPauses.start(SystemNanoClock.INSTANCE)) {
            long calibrationStart = SystemNanoClock.INSTANCE.nanoTime();
            pauses.collectAndCalibrate();
            // The calibration puts the offset in the middle of what this call's two clock readings allow: it is
            // uncertain by up to the call's length.
            long uncertainty = SystemNanoClock.INSTANCE.nanoTime() - calibrationStart;
            Intervals first = awaitPauses(pauses, 1);
            assertThat(pauses.calibrated()).isTrue();
            // Intervals are kept merged, and each pause is widened by the slack on both sides: a second collection
            // less than two slacks after the first would merge into its interval (seen on a quiet machine, where
            // the two came within a millisecond). Start it clear of that.
            long clear = first.end(first.size() - 1) + 2 * CollectorPauses.SLACK_NANOS;
            while (SystemNanoClock.INSTANCE.nanoTime() - clear <= 0) {
                LockSupport.parkNanos(CollectorPauses.SLACK_NANOS);
            }
            long before = SystemNanoClock.INSTANCE.nanoTime();
            System.gc();
            long after = SystemNanoClock.INSTANCE.nanoTime();
            Intervals seen = awaitPauses(pauses, 2);
            // The second collection, mapped with the first one's calibration: inside [before, after] give or take
            // the slack and the calibration's own uncertainty (the length of the first collection call).
            int last = seen.size() - 1;
            long slack = 2 * CollectorPauses.SLACK_NANOS + uncertainty;
            assertThat(seen.overlaps(before - uncertainty, after + uncertainty))
                    .as("a pause mapped within %d ns of [%d, %d]: %s", uncertainty, before, after, seen).isTrue();
            assertThat(seen.start(last)).isGreaterThanOrEqualTo(before - slack);
            assertThat(seen.end(last)).isLessThanOrEqualTo(after + slack);
        }
    }

    /** Notifications come on the JVM's own thread, shortly after: waits for {@code n}, with a deadline. */
    private static Intervals awaitPauses(CollectorPauses pauses, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Intervals seen = pauses.intervals();
        while (seen.size() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            seen = pauses.intervals();
        }
        assertThat(seen.size()).as("System.gc() was announced").isGreaterThanOrEqualTo(n);
        return seen;
    }

    @Test
    void concurrentCycleBeansAreNotPauses() {
        assertThat(CollectorPauses.reportsPauses("G1 Young Generation")).isTrue();
        assertThat(CollectorPauses.reportsPauses("ZGC Pauses")).isTrue();
        assertThat(CollectorPauses.reportsPauses("ZGC Cycles")).isFalse();
        assertThat(CollectorPauses.reportsPauses("G1 Concurrent GC")).isFalse();
    }
}
