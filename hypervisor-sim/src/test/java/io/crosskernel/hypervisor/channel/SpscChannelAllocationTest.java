package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The steady-state path writes into the ring and reads into the consumer's one envelope instead of allocating. */
class SpscChannelAllocationTest {
    private static final int CAPACITY = 16;
    private static final int BATCH = 16;

    /** Remembers the distinct envelope objects it was handed, without allocating. */
    private static final class IdentityTracker implements EnvelopeHandler {
        final Envelope[] seen = new Envelope[CAPACITY];
        int distinct;
        boolean tooMany;
        long sum;

        @Override
        public void onMessage(Envelope envelope) {
            sum += envelope.payload;
            for (int i = 0; i < distinct; i++) {
                if (seen[i] == envelope) {
                    return;
                }
            }
            if (distinct == seen.length) {
                tooMany = true;
            } else {
                seen[distinct++] = envelope;
            }
        }
    }

    private static long run(SpscChannel channel, IdentityTracker handler, Envelope message, long messages) {
        long failures = 0;
        for (long i = 0; i < messages; i += BATCH) {
            for (int j = 0; j < BATCH; j++) {
                message.requestId = i + j;
                message.payload = i + j;
                if (channel.offer(message) != SendResult.SENT) {
                    failures++;
                }
            }
            channel.drain(handler, BATCH);
        }
        return failures;
    }

    @Test
    void steadyStateAllocatesNothingAndTheConsumerReusesOneEnvelope() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        long me = Thread.currentThread().getId();

        SpscChannel channel = ChannelTestSupport.channel(CAPACITY, BackpressurePolicy.RETRY);
        IdentityTracker handler = new IdentityTracker();
        Envelope message = new Envelope();
        long warmupFailures = run(channel, handler, message, 200_000);

        long before = threads.getThreadAllocatedBytes(me);
        long failures = run(channel, handler, message, 1_000_000);
        long allocated = threads.getThreadAllocatedBytes(me) - before;

        assertThat(warmupFailures + failures).isZero();
        assertThat(allocated).as("bytes allocated for 1M messages").isLessThan(64 * 1024);
        assertThat(handler.tooMany).as("more distinct envelopes than the ring holds").isFalse();
        assertThat(handler.distinct).as("the consumer reads every message into its one envelope").isEqualTo(1);
        assertThat(channel.stats().delivered()).isEqualTo(1_200_000);
        assertThat(handler.sum).as("every payload arrived").isEqualTo(sumBelow(200_000) + sumBelow(1_000_000));
    }

    private static long sumBelow(long n) {
        return n * (n - 1) / 2;
    }
}
