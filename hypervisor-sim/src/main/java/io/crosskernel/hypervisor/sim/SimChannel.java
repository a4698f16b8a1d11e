package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.SplittableRandom;

/**
 * A real {@link SpscChannel} seen through virtual time: a message offered at the sender's time {@code t} can be
 * drained from {@code t + hop} on (a draw from the calibrated hop latency, never overtaking an earlier message, so
 * the channel stays FIFO). Capacity, backpressure and every counter are the real channel's own: a message on the
 * wire occupies its slot from the offer to the drain, as it does in a real run, and a full channel refuses exactly
 * as the real one does.
 *
 * <p>Also where channel faults act ({@link SimFault.Delay}, {@link SimFault.Drop}), and where the engine learns of
 * events that wake a sleeping core: a message offered wakes the receiver when it becomes visible; a drain after a
 * refusal wakes the sender, whose held messages now fit.
 *
 * <p>Threading: the engine's thread only. Allocates nothing per message: the visibility times live in a ring as
 * large as the channel's capacity, and the channel is its own {@link EnvelopeHandler}.
 */
public final class SimChannel implements OutboundChannel, InboundChannel, EnvelopeHandler {
    private final SpscChannel channel;
    private final SimClock clock;
    private final SimEngine engine;
    private final int senderWorker;
    private final int receiverWorker;
    private final Distribution hop;
    private final SplittableRandom random;
    /** Visibility time of each message in the ring, FIFO; as many slots as the channel can hold. */
    private final long[] visibleAt;
    private final int mask;
    private long head;
    private long tail;
    private long lastVisible = Long.MIN_VALUE;
    /** A refusal since the last drain: the sender holds messages for this channel. */
    private boolean refused;
    private EnvelopeHandler handler;
    // Fault windows (absolute times once the run started); empty windows when the scenario has none.
    private long[] delayStarts = new long[0];
    private long[] delayEnds = new long[0];
    private long[] delayBy = new long[0];
    private long[] dropStarts = new long[0];
    private long[] dropEnds = new long[0];
    private long droppedByFault;

    SimChannel(SpscChannel channel, SimClock clock, SimEngine engine, int senderWorker, int receiverWorker,
            Distribution hop, SplittableRandom random) {
        this.channel = channel;
        this.clock = clock;
        this.engine = engine;
        this.senderWorker = senderWorker;
        this.receiverWorker = receiverWorker;
        this.hop = hop;
        this.random = random;
        int slots = Integer.highestOneBit(Math.max(1, channel.spec().capacity()) * 2 - 1);
        this.visibleAt = new long[slots];
        this.mask = slots - 1;
    }

    /** The real channel under this view. */
    public SpscChannel channel() {
        return channel;
    }

    /** Messages lost on the wire to {@link SimFault.Drop} faults (counted rejected by the channel too). */
    public long droppedByFault() {
        return droppedByFault;
    }

    /** Engine, before the run starts: the faults on this channel, with absolute times. */
    void faults(long[] delayStarts, long[] delayEnds, long[] delayBy, long[] dropStarts, long[] dropEnds) {
        this.delayStarts = delayStarts;
        this.delayEnds = delayEnds;
        this.delayBy = delayBy;
        this.dropStarts = dropStarts;
        this.dropEnds = dropEnds;
    }

    @Override
    public int fromKernel() {
        return channel.fromKernel();
    }

    @Override
    public int toKernel() {
        return channel.toKernel();
    }

    @Override
    public BackpressurePolicy policy() {
        return channel.policy();
    }

    @Override
    public SendResult offer(Envelope message) {
        long now = clock.nanoTime();
        if (inWindow(dropStarts, dropEnds, now) >= 0) {
            droppedByFault++;
            return channel.rejectInjected();
        }
        SendResult result = channel.offer(message);
        if (result == SendResult.SENT) {
            long at = now + hop.sample(random);
            int delay = inWindow(delayStarts, delayEnds, now);
            if (delay >= 0) {
                at += delayBy[delay];
            }
            at = Math.max(at, lastVisible);
            lastVisible = at;
            visibleAt[(int) (tail++ & mask)] = at;
            engine.wake(receiverWorker, at);
        } else if (result == SendResult.BACKPRESSURED) {
            refused = true;
        }
        return result;
    }

    @Override
    public int remainingCapacity() {
        return channel.remainingCapacity();
    }

    /** Drains at most {@code limit} of the messages that have arrived by the receiver's time. */
    @Override
    public int drain(EnvelopeHandler handler, int limit) {
        long now = clock.nanoTime();
        int arrived = 0;
        while (arrived < limit && head + arrived < tail && visibleAt[(int) ((head + arrived) & mask)] <= now) {
            arrived++;
        }
        if (arrived == 0) {
            return 0;
        }
        this.handler = handler;
        int read;
        try {
            read = channel.drain(this, arrived);
        } finally {
            this.handler = null;
        }
        if (refused) {
            refused = false;
            engine.wake(senderWorker, now);
        }
        return read;
    }

    /** Channel callback: the message leaves the wire (even if the handler throws, as the real channel counts it). */
    @Override
    public void onMessage(Envelope envelope) {
        head++;
        handler.onMessage(envelope);
    }

    /** Messages offered and not yet drained, visible or not. */
    @Override
    public int size() {
        return channel.size();
    }

    /** When the oldest message on the wire can be drained, or {@link Long#MAX_VALUE} when there is none. */
    long nextVisibleNanos() {
        return head < tail ? visibleAt[(int) (head & mask)] : Long.MAX_VALUE;
    }

    /** @return the index of the window containing {@code t}, or -1 */
    private static int inWindow(long[] starts, long[] ends, long t) {
        for (int i = 0; i < starts.length; i++) {
            if (t >= starts[i] && t < ends[i]) {
                return i;
            }
        }
        return -1;
    }
}
