package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.crosskernel.api.ManualClock;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steady-state duty cycle allocates nothing: measured with the JVM's per-thread allocation counter. */
class RealtimeSchedulerAllocationTest {

    @Test
    void steadyStatePollLoopAllocatesAlmostNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        for (RtPolicy policy : RtPolicy.values()) {
            List<RtTask> tasks = List.of(RtTask.periodic("a", 1_000, 200), RtTask.periodic("b", 2_000, 300),
                    RtTask.periodic("c", 5_000, 500).withOffset(100), RtTask.sporadic("s", 4_000, 100, 4_000));
            ManualClock clock = new ManualClock(0);
            long[] costs = {200, 300, 500, 100};
            ClockAdvancingBody body = new ClockAdvancingBody(clock, (i, seq) -> costs[i], 0);
            RealtimeScheduler s = new RealtimeScheduler(tasks, policy, clock, body, RtSchedulerConfig.DEFAULT);
            s.start(0);
            long end = runFor(s, clock, 2_000_000); // warm up: JIT-compile the loop

            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            runFor(s, clock, end + 20_000_000);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;

            long jobs = 0;
            for (int i = 0; i < tasks.size(); i++) {
                jobs += s.metrics(i).completed.get();
                assertThat(s.metrics(i).deadlineMisses.get()).isZero();
            }
            assertThat(jobs).isGreaterThan(30_000);
            assertThat(allocated).as("bytes allocated by %s over %d jobs", policy, jobs).isLessThan(4_096);
        }
    }

    /** Virtual-time loop with a sporadic arrival every 4us; returns the end time. */
    private static long runFor(RealtimeScheduler s, ManualClock clock, long until) {
        long nextArrival = clock.nanoTime();
        while (clock.nanoTime() < until) {
            long now = clock.nanoTime();
            if (now >= nextArrival) {
                s.release(3, now);
                nextArrival = now + 4_000;
            }
            if (s.poll(now) == 0) {
                clock.set(Math.min(nextArrival, s.nextReleaseNanos()));
            }
        }
        return clock.nanoTime();
    }
}
