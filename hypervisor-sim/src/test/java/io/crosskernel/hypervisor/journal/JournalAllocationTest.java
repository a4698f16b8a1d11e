package io.crosskernel.hypervisor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journaling a message or a store write allocates nothing on the writing (kernel) thread. */
class JournalAllocationTest {
    private static final int BATCH = 16;

    private static final class Summer implements EnvelopeHandler {
        long sum;

        @Override
        public void onMessage(Envelope envelope) {
            sum += envelope.payload;
        }
    }

    private static long run(JournalingOutboundChannel out, JournalingInboundChannel in, Summer handler,
            KernelJournalWriter store, Envelope message, byte[] value, int messages) {
        long failures = 0;
        for (int i = 0; i < messages; i += BATCH) {
            for (int j = 0; j < BATCH; j++) {
                message.requestId = i + j;
                message.payload = 1;
                if (out.offer(message) != SendResult.SENT) {
                    failures++;
                }
            }
            in.drain(handler, BATCH);
            store.put(i, value, 0, value.length);
            store.delete(i);
        }
        return failures;
    }

    @Test
    void journalingSendsReceivesAndStoreWritesAllocatesNothingInSteadyState(@TempDir Path dir) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        long me = Thread.currentThread().getId();

        SpscChannel channel = new SpscChannel(new LinkSpec(0, "a", 1, "b", BATCH, BackpressurePolicy.RETRY),
                c -> { });
        try (KernelJournalWriter a = new KernelJournalWriter(dir.resolve("a"), 0, "a", PayloadMode.FULL,
                SystemNanoClock.INSTANCE, new JournalFailure());
                KernelJournalWriter b = new KernelJournalWriter(dir.resolve("b"), 1, "b", PayloadMode.FULL,
                        SystemNanoClock.INSTANCE, new JournalFailure())) {
            JournalingOutboundChannel out = new JournalingOutboundChannel(channel, a, SystemNanoClock.INSTANCE);
            JournalingInboundChannel in = new JournalingInboundChannel(channel, b, SystemNanoClock.INSTANCE);
            Summer handler = new Summer();
            Envelope message = new Envelope();
            byte[] value = new byte[64];
            long failures = run(out, in, handler, b, message, value, 100_000);

            long before = threads.getThreadAllocatedBytes(me);
            failures += run(out, in, handler, b, message, value, 200_000);
            long allocated = threads.getThreadAllocatedBytes(me) - before;

            assertThat(failures).isZero();
            assertThat(handler.sum).isEqualTo(300_000);
            // 200k messages (a SEND and a RECEIVE each) and 25k puts and deletes: well under a byte per entry
            assertThat(allocated).as("bytes allocated for 450k journal entries").isLessThan(64 * 1024);
        }
    }
}
