package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.metrics.SingleWriterCounter;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;

/**
 * Single-producer single-consumer bounded channel between two kernels, with a fixed pool of recycled envelopes.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>exactly one producer thread calls {@link #offer(Envelope)} (and may call {@link #remainingCapacity()});</li>
 *   <li>exactly one consumer thread calls {@link #drain(EnvelopeHandler, int)};</li>
 *   <li>{@link #stats()}, {@link #queued()}, {@link #size()} and the accessors may be called from any thread.</li>
 * </ul>
 * The producer and consumer may be the same thread. Calling {@code offer} or {@code drain} from two threads at once
 * corrupts the queues and loses counts: that is the contract, not a bug.
 *
 * <p>Design: two JCTools {@link SpscArrayQueue}s. The <em>forward</em> queue carries filled envelopes from producer
 * to consumer; the <em>free</em> queue carries emptied envelopes back. The free queue is preloaded in the constructor
 * with exactly {@code capacity} envelopes, so "no free envelope" is what "full" means and the channel holds at most
 * {@code capacity} messages even though JCTools rounds its array sizes up to a power of two. Steady state allocates
 * nothing: {@code offer} copies the sender's fields into a pooled envelope, and {@code drain} hands each envelope to
 * the handler and then returns it to the pool.
 *
 * <p>Accounting follows {@link SendResult}: {@code SENT} counts offered; {@code BACKPRESSURED} counts only
 * backpressured (the sender keeps the message); {@code DROPPED} and {@code FAILED} count offered and rejected.
 */
public final class SpscChannel implements OutboundChannel, InboundChannel {
    private final LinkSpec spec;
    private final BackpressurePolicy policy;
    private final ChannelFailureListener onFail;
    private final SpscArrayQueue<Envelope> forward;
    private final SpscArrayQueue<Envelope> free;
    private final ProducerSide producer;
    @SuppressWarnings("unused") // only its place in the heap matters: between the producer's and consumer's state
    private final long[] spacer;
    private final ConsumerSide consumer;

    /**
     * Builds the channel and allocates its {@code spec.capacity()} envelopes. Call on any thread, then hand the
     * channel to its producer and consumer through a safe publication (a thread start, a volatile, a latch).
     *
     * @param onFail told when a {@code FAIL}-policy channel is full; called on the producer thread
     */
    public SpscChannel(LinkSpec spec, ChannelFailureListener onFail) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.policy = Objects.requireNonNull(spec.policy(), "spec.policy");
        this.onFail = Objects.requireNonNull(onFail, "onFail");
        int capacity = spec.capacity();
        this.forward = new SpscArrayQueue<>(capacity);
        this.free = new SpscArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            if (!free.offer(new Envelope())) {
                throw new IllegalStateException("free list cannot hold " + capacity + " envelopes");
            }
        }
        // Allocation order is layout here: producer state, a spacer, then consumer state. See ConsumerSide for why.
        this.producer = new ProducerSide();
        this.spacer = new long[16];
        this.consumer = new ConsumerSide(free);
    }

    /** The link this channel was built from. */
    public LinkSpec spec() {
        return spec;
    }

    @Override
    public int fromKernel() {
        return spec.fromKernel();
    }

    @Override
    public int toKernel() {
        return spec.toKernel();
    }

    @Override
    public BackpressurePolicy policy() {
        return policy;
    }

    /**
     * Producer thread only. Copies {@code message} into a pooled envelope and publishes it; when no envelope is free,
     * answers according to the policy. Never blocks; allocates only on the {@code FAIL} path if the listener does.
     */
    @Override
    public SendResult offer(Envelope message) {
        Envelope slot = free.relaxedPoll();
        if (slot == null) {
            return refuse();
        }
        slot.copyFrom(message);
        ProducerSide p = producer;
        // Counted before the queue's ordered store publishes the envelope: a reader that sees it delivered has
        // already seen it offered, so offered - rejected - delivered is never negative.
        p.offered.increment();
        if (!forward.relaxedOffer(slot)) {
            // Cannot happen: the forward queue is at least as large as the pool. Fail loudly rather than lose it.
            throw new IllegalStateException("forward queue of " + spec.label() + " refused a pooled envelope");
        }
        return SendResult.SENT;
    }

    private SendResult refuse() {
        ProducerSide p = producer;
        switch (policy) {
            case RETRY:
                p.backpressured.increment();
                return SendResult.BACKPRESSURED;
            case DROP_NEWEST:
                // offered before rejected, mirroring the read order in stats()
                p.offered.increment();
                p.rejected.increment();
                return SendResult.DROPPED;
            case FAIL:
                p.offered.increment();
                p.rejected.increment();
                onFail.onChannelFailed(this);
                return SendResult.FAILED;
            default:
                throw new IllegalStateException("unknown policy " + policy);
        }
    }

    /** Free envelopes: how many more messages the channel can take now (an estimate off the producer thread). */
    @Override
    public int remainingCapacity() {
        return free.size();
    }

    /**
     * Consumer thread only. Hands up to {@code limit} messages, oldest first, to {@code handler}; each envelope is
     * counted as delivered and returned to the pool after the handler returns, even if it throws (the exception then
     * propagates and the rest of the batch stays queued). Not reentrant: a handler must not drain this channel.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    @Override
    public int drain(EnvelopeHandler handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        ConsumerSide c = consumer;
        // The depth the consumer finds when it arrives is the most the channel held since the last drain (only the
        // consumer makes it shallower), so sampling it here, once per batch, keeps the high-water mark exact enough
        // without the producer reading the consumer's counter on every offer (a cross-core cache miss per message).
        c.highWaterMark.max(forward.size());
        c.handler = handler;
        try {
            return forward.drain(c, limit);
        } finally {
            c.handler = null;
        }
    }

    /** Any thread: messages waiting in the forward queue (an estimate while the ends are running). */
    @Override
    public int size() {
        return forward.size();
    }

    /** Any thread: the forward queue's size, an in-flight measure independent of the counters. */
    public int queued() {
        return forward.size();
    }

    /**
     * Any thread: a snapshot of the counters. Reads delivered, then rejected, then offered, each with acquire
     * ordering, so every later read is at least as fresh as the earlier ones and {@code inFlight >= 0}.
     */
    public ChannelStats stats() {
        long delivered = consumer.delivered.get();
        VarHandle.acquireFence();
        long rejected = producer.rejected.get();
        VarHandle.acquireFence();
        long offered = producer.offered.get();
        long backpressured = producer.backpressured.get();
        long highWaterMark = consumer.highWaterMark.get();
        return new ChannelStats(spec.fromName(), spec.toName(), spec.capacity(), policy, offered, delivered, rejected,
                offered - rejected - delivered, backpressured, highWaterMark);
    }

    @Override
    public String toString() {
        return "SpscChannel{" + spec.label() + ", capacity=" + spec.capacity() + ", policy=" + policy.alias() + '}';
    }

    /** State written only by the producer thread. */
    private static final class ProducerSide {
        final SingleWriterCounter offered = new SingleWriterCounter();
        final SingleWriterCounter rejected = new SingleWriterCounter();
        final SingleWriterCounter backpressured = new SingleWriterCounter();
    }

    /**
     * State written only by the consumer thread, and the preallocated drain callback (so {@code drain} captures no
     * lambda per call).
     *
     * <p>Why the spacer: each {@link SingleWriterCounter} is a small object of its own (about 24 bytes), so counters
     * allocated back to back share a cache line. If {@code delivered} shared one with {@code offered}, the consumer's
     * increment per message would invalidate the line the producer increments per message: false sharing, a cache
     * miss on each side for every message once the two ends run on different cores. Java gives no layout control over
     * separate objects, so the constructor allocates the consumer's state after a spacer of two cache lines (a
     * {@code long[16]}): the TLAB bump allocator places objects in allocation order, so it lands away from the
     * producer's counters. A moving collector may re-pack the objects later; that costs speed, never correctness.
     */
    private static final class ConsumerSide implements MessagePassingQueue.Consumer<Envelope> {
        final SingleWriterCounter delivered = new SingleWriterCounter();
        /** Deepest the forward queue was found at the start of a drain. */
        final SingleWriterCounter highWaterMark = new SingleWriterCounter();
        private final SpscArrayQueue<Envelope> free;
        /** The handler of the drain in progress; null between drains. */
        EnvelopeHandler handler;

        ConsumerSide(SpscArrayQueue<Envelope> free) {
            this.free = free;
        }

        @Override
        public void accept(Envelope envelope) {
            try {
                handler.onMessage(envelope);
            } finally {
                // Delivered is counted before the envelope goes back to the pool (an ordered store), so the producer,
                // having taken the envelope again, sees the count and its in-flight figure never exceeds capacity.
                delivered.increment();
                free.relaxedOffer(envelope);
            }
        }
    }
}
