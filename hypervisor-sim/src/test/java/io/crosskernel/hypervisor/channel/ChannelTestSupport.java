package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Shared fixtures for the channel tests. */
final class ChannelTestSupport {
    static final ChannelFailureListener IGNORE_FAILURE = channel -> { };

    private ChannelTestSupport() {
    }

    static SpscChannel channel(int capacity, BackpressurePolicy policy) {
        return new SpscChannel(new LinkSpec(0, "a", 1, "b", capacity, policy), IGNORE_FAILURE);
    }

    static Envelope message(long sequence) {
        Envelope e = new Envelope();
        e.requestId = sequence;
        e.traceId = sequence;
        e.payload = ~sequence;
        return e;
    }

    /** Busy-spins for about {@code nanos}: a consumer that is slower than the producer without sleeping. */
    static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Two named daemon threads: a producer and a consumer. */
    static ExecutorService twoThreads() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "channel-test");
            t.setDaemon(true);
            return t;
        });
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    static void shutdown(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Every count must add up once both ends have stopped. */
    static void assertQuiescentAccounting(SpscChannel channel) {
        ChannelStats s = channel.stats();
        assertThat(s.offered()).isEqualTo(s.delivered() + s.rejected() + s.inFlight());
        assertThat(s.inFlight()).isZero();
        assertThat(channel.queued()).isZero();
        assertThat(channel.remainingCapacity()).isEqualTo(s.capacity());
        assertThat(s.highWaterMark()).isBetween(0L, (long) s.capacity());
    }

    /**
     * Records what the consumer saw: how many, whether sequence numbers strictly increased and whether they were
     * contiguous from 0. Optionally spins per message to be slow. Used by the consumer thread only.
     */
    static final class SequenceRecorder implements EnvelopeHandler {
        private final long spinNanos;
        long count;
        long last = -1;
        boolean increasing = true;
        boolean contiguous = true;
        boolean payloadIntact = true;

        SequenceRecorder(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        @Override
        public void onMessage(Envelope envelope) {
            long seq = envelope.requestId;
            if (seq <= last) {
                increasing = false;
            }
            if (seq != last + 1) {
                contiguous = false;
            }
            if (envelope.payload != ~seq || envelope.traceId != seq) {
                payloadIntact = false;
            }
            last = seq;
            count++;
            if (spinNanos > 0) {
                spin(spinNanos);
            }
        }
    }
}
