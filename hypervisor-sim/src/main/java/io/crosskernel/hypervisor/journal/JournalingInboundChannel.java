package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;

/**
 * An {@link InboundChannel} that journals every drained message as a RECEIVE entry in the receiving kernel's journal,
 * before the receiver's handler sees it.
 *
 * <p>Threading: single consumer, like the channel it wraps: only the receiving kernel's dispatching worker drains.
 * Not reentrant (neither is the channel).
 *
 * <p>Cost: the wrapper is its own {@link EnvelopeHandler}; {@link #drain} parks the caller's handler in a field for
 * the duration of the call, so draining allocates nothing. One clock read and one fixed-layout append per message.
 */
public final class JournalingInboundChannel implements InboundChannel, EnvelopeHandler {
    private final InboundChannel delegate;
    private final KernelJournalWriter journal;
    private final Clock clock;
    private final int from;
    private final int to;
    private EnvelopeHandler handler;
    /** Messages received so far: the FIFO position of the next one. */
    private long received;

    public JournalingInboundChannel(InboundChannel delegate, KernelJournalWriter journal, Clock clock) {
        this.delegate = delegate;
        this.journal = journal;
        this.clock = clock;
        this.from = delegate.fromKernel();
        this.to = delegate.toKernel();
    }

    @Override
    public int fromKernel() {
        return from;
    }

    @Override
    public int toKernel() {
        return to;
    }

    @Override
    public int drain(EnvelopeHandler handler, int limit) {
        this.handler = handler;
        try {
            return delegate.drain(this, limit);
        } finally {
            this.handler = null;
        }
    }

    /** Channel callback: journal, then hand the message on. */
    @Override
    public void onMessage(Envelope envelope) {
        journal.message(JournalLayout.RECEIVE, 0, from, to, received++, envelope, clock.nanoTime());
        handler.onMessage(envelope);
    }

    @Override
    public int size() {
        return delegate.size();
    }
}
