package io.crosskernel.hypervisor.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.api.trace.TraceSampling;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class TraceBufferTest {
    @Test
    void storesHopsInOrderAndCountsThoseThatFindItFull() {
        TraceBuffer buffer = new TraceBuffer(2, "io", 0, TraceSampling.ALWAYS, 3);
        for (int i = 0; i < 5; i++) {
            buffer.recordHop(100 + i, 200 + i, 1, i, 10, 20 + i, 30 + i, 40 + i, HopOutcome.FORWARDED);
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.lost()).isEqualTo(2);
        assertThat(buffer.traceId(2)).isEqualTo(102);
        assertThat(buffer.requestId(2)).isEqualTo(202);
        assertThat(buffer.stage(2)).isEqualTo(2);
        assertThat(buffer.receivedNanos(1)).isEqualTo(31);
        assertThat(buffer.doneNanos(0)).isEqualTo(40);
        assertThat(buffer.outcome(0)).isEqualTo(HopOutcome.FORWARDED);
    }

    @Test
    void overflowIsReportedPerWorkerWhenCollected() {
        TraceBuffer full = new TraceBuffer(0, "rt", 0, TraceSampling.ALWAYS, 1);
        full.recordHop(1, 1, 0, 0, 0, 0, 0, 5, HopOutcome.COMPLETED);
        full.recordHop(2, 2, 0, 0, 0, 0, 0, 6, HopOutcome.COMPLETED);

        TraceResult result = TraceCollector.collect(1.0, java.util.List.of(full),
                java.util.List.of(TraceCollectorTest.route("r", 0)));

        assertThat(result.hopsRecorded()).isEqualTo(1);
        assertThat(result.hopsLost()).isEqualTo(1);
        assertThat(result.fullBuffers()).containsExactly("rt[0]: 1 hops lost (capacity 1)");
    }

    @Test
    void recordingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        long me = Thread.currentThread().getId();
        int capacity = 1 << 20;
        TraceBuffer buffer = new TraceBuffer(0, "k", 0, TraceSampling.ALWAYS, capacity);
        record(buffer, 0, 100_000); // warm up: compile the path

        long before = threads.getThreadAllocatedBytes(me);
        record(buffer, 100_000, capacity + 100_000); // fills the rest, then overflows
        long allocated = threads.getThreadAllocatedBytes(me) - before;

        assertThat(buffer.size()).isEqualTo(capacity);
        assertThat(buffer.lost()).isEqualTo(100_000);
        assertThat(allocated).as("bytes allocated while recording ~1M hops").isLessThan(16 * 1024);
    }

    private static void record(TraceBuffer buffer, int from, int to) {
        HopOutcome[] outcomes = HopOutcome.values();
        for (int i = from; i < to; i++) {
            buffer.recordHop(i, i, 0, i & 3, i, i + 1, i + 2, i + 3, outcomes[i % outcomes.length]);
        }
    }
}
