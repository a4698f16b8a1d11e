package io.crosskernel.kernels.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.testing.TestChannel;
import io.crosskernel.api.testing.TestKernelContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel's steady state (periodic releases, channel messages in and out, failures) allocates nothing. */
class RealtimeKernelAllocationTest {
    private static final long START = 1_000_000_000L;

    @Test
    void steadyStateDutyCycleAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        ManualClock clock = new ManualClock(START);
        Route control = new Route(0, "control", "periodic", List.of(new Stage(0, "rt", 50_000, 1, 0)), 1_000_000);
        Route relay = new Route(1, "relay", "stream", List.of(new Stage(1, "up", 0, 1, 0),
                new Stage(0, "rt", 5_000, 1, 0), new Stage(2, "down", 0, 1, 0)), 0);
        TestChannel in = new TestChannel(1, 0, 64, BackpressurePolicy.RETRY);
        TestChannel out = new TestChannel(0, 2, 64, BackpressurePolicy.RETRY);
        TestKernelContext ctx = new TestKernelContext(0, "rt", 1, clock, List.of(control, relay))
                .source(new Source(control, new ConstantRateSchedule(1_000_000, 0, Long.MAX_VALUE)))
                .inbound(in).outbound(out);
        RealtimeKernel kernel = new RealtimeKernel(
                new RealtimeSettings(RtPolicy.EDF, 0, 10_000, Map.of("relay", 20_000L), 64),
                new ManualClockWork(clock, 0));
        kernel.onBoot(ctx);
        ctx.openSources(START);
        Envelope message = new Envelope();
        long[] sequence = {0};
        long[] nextSend = {START};

        Runnable cycle = () -> {
            if (clock.nanoTime() >= nextSend[0]) {
                nextSend[0] += 50_000;
                message.requestId = sequence[0]++;
                message.routeId = 1;
                message.stage = 1;
                message.originNanos = clock.nanoTime();
                message.sentNanos = clock.nanoTime();
                in.offer(message);
            }
            out.drain(e -> { }, 64);
            if (kernel.doWork(0) == 0) {
                clock.advance(10_000);
            }
        };
        for (int i = 0; i < 100_000; i++) {
            cycle.run(); // warm up: JIT-compile the duty cycle
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            cycle.run();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        long jobs = kernel.taskMetrics(0).completed.get() + kernel.taskMetrics(1).completed.get();
        assertThat(jobs).isGreaterThan(10_000);
        assertThat(allocated).as("bytes allocated over %d jobs", jobs).isLessThan(4_096);
    }
}
