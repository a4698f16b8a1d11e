package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import java.util.Objects;

/**
 * Test-only faults inside a channel: {@link ChannelInterposer}s that lose or duplicate exactly one message between
 * the sending end (which has already counted it) and the ring. Used to prove that the accounting catches both.
 */
public final class ChannelFaults {
    private ChannelFaults() {
    }

    /** On the channel labelled {@code label} ({@code from->to}), the {@code nth} accepted offer (1-based) is lost. */
    public static ChannelInterposer loseOne(String label, long nth) {
        return channel -> channel.spec().label().equals(label) ? new Faulty(channel, nth, false) : channel;
    }

    /** On the channel labelled {@code label}, the {@code nth} accepted offer is put in the ring twice. */
    public static ChannelInterposer duplicateOne(String label, long nth) {
        return channel -> channel.spec().label().equals(label) ? new Faulty(channel, nth, true) : channel;
    }

    /** Producer thread only, as the channel it stands in front of. */
    private static final class Faulty implements OutboundChannel {
        private final SpscChannel ring;
        private final long nth;
        private final boolean duplicate;
        private long accepted;

        Faulty(SpscChannel ring, long nth, boolean duplicate) {
            this.ring = Objects.requireNonNull(ring, "ring");
            this.nth = nth;
            this.duplicate = duplicate;
        }

        @Override
        public int fromKernel() {
            return ring.fromKernel();
        }

        @Override
        public int toKernel() {
            return ring.toKernel();
        }

        @Override
        public BackpressurePolicy policy() {
            return ring.policy();
        }

        @Override
        public SendResult offer(Envelope message) {
            if (accepted + 1 == nth && !duplicate && ring.remainingCapacity() > 0) {
                accepted++;
                return SendResult.SENT; // the sender believes it sent it; the ring never sees it
            }
            SendResult result = ring.offer(message);
            if (result == SendResult.SENT && ++accepted == nth && duplicate) {
                if (ring.remainingCapacity() > 0) {
                    ring.offer(message); // room checked on the producer thread: this second copy is accepted
                } else {
                    accepted--; // no room for the copy: duplicate the next accepted offer instead
                }
            }
            return result;
        }

        @Override
        public int remainingCapacity() {
            return ring.remainingCapacity();
        }
    }
}
