package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Clock;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;

/**
 * An {@link OutboundChannel} that journals every offer the channel accounts for (sent, dropped, failed) as a SEND
 * entry in the sending kernel's journal. A {@link SendResult#BACKPRESSURED} offer is not journaled: the channel did
 * not take or count it, and the sender offers the same message again later (its final outcome is journaled then).
 *
 * <p>Threading: single producer, like the channel it wraps: only the sending kernel's dispatching worker offers.
 *
 * <p>Cost: one clock read (before the offer, so the SEND's timestamp precedes any RECEIVE of the message) and one
 * fixed-layout append per accounted offer; no allocation.
 */
public final class JournalingOutboundChannel implements OutboundChannel {
    private final OutboundChannel delegate;
    private final KernelJournalWriter journal;
    private final Clock clock;
    /** Messages this channel has taken (SENT) so far: the FIFO position of the next one. */
    private long accepted;

    public JournalingOutboundChannel(OutboundChannel delegate, KernelJournalWriter journal, Clock clock) {
        this.delegate = delegate;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public int fromKernel() {
        return delegate.fromKernel();
    }

    @Override
    public int toKernel() {
        return delegate.toKernel();
    }

    @Override
    public BackpressurePolicy policy() {
        return delegate.policy();
    }

    @Override
    public SendResult offer(Envelope message) {
        long now = clock.nanoTime();
        SendResult result = delegate.offer(message);
        if (result != SendResult.BACKPRESSURED) {
            journal.message(JournalLayout.SEND, result.ordinal(), delegate.fromKernel(), delegate.toKernel(), accepted,
                    message, now);
            if (result == SendResult.SENT) {
                accepted++;
            }
        }
        return result;
    }

    @Override
    public int remainingCapacity() {
        return delegate.remainingCapacity();
    }
}
