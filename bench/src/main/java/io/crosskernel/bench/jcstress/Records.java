package io.crosskernel.bench.jcstress;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;

/**
 * What the channel tests share: a channel, messages whose every field is derived from a sequence number (each field
 * a different pattern with both 32-bit halves non-zero, so a torn or stale field shows), and a handler that checks
 * what the consumer reads.
 */
final class Records {
    private Records() {
    }

    static SpscChannel channel(int capacity, BackpressurePolicy policy) {
        return new SpscChannel(new LinkSpec(0, "producer", 1, "consumer", capacity, policy), channel -> { });
    }

    /** A message carrying {@code sequence} in every field. */
    static Envelope message(long sequence) {
        Envelope e = new Envelope();
        fill(e, sequence);
        return e;
    }

    static void fill(Envelope e, long sequence) {
        long s = sequence + 1;
        e.requestId = s * 0x0101_0101_0101_0101L;
        e.traceId = s * 0x1000_0001_0000_0001L;
        e.originNanos = ~s;
        e.sentNanos = s << 33 | s;
        e.payload = -s * 0x0F0F_0F0F_0F0F_0F0FL;
        e.routeId = (int) (s * 0x0101_0101);
        e.stage = (int) -s;
    }

    static boolean carries(Envelope e, long sequence) {
        Envelope expected = message(sequence);
        return e.requestId == expected.requestId && e.traceId == expected.traceId
                && e.originNanos == expected.originNanos && e.sentNanos == expected.sentNanos
                && e.payload == expected.payload && e.routeId == expected.routeId && e.stage == expected.stage;
    }

    /**
     * Consumer side: counts messages and checks that they carry the sequence numbers {@code first, first + 1, ...}
     * in order, every field intact. One thread at a time (the consumer actor, then the arbiter after it).
     */
    static final class SequenceCheck implements EnvelopeHandler {
        long next;
        boolean intact = true;

        SequenceCheck(long first) {
            this.next = first;
        }

        @Override
        public void onMessage(Envelope envelope) {
            intact &= carries(envelope, next);
            next++;
        }
    }
}
