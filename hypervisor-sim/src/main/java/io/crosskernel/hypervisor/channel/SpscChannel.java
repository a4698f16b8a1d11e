package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.jfr.BackpressureEvent;
import io.crosskernel.api.metrics.SingleWriterCounter;
import java.util.Objects;

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
 * <p>Design: a ring of envelopes ({@code capacity} rounded up to a power of two) allocated once, and two sequences — the producer's and the
 * consumer's — each alone on its cache lines. {@code offer} copies the sender's fields into the next free envelope of
 * the ring and publishes it with one store-release of the producer sequence; {@code drain} hands a batch of envelopes
 * to the handler in place and gives the whole batch back to the producer with one store-release of the consumer
 * sequence. Each end caches the other's sequence and re-reads it only when the cache says full (producer) or empty
 * (consumer), so in steady state a message costs one copy and one ordered store, and no cache line travels per
 * message except the envelope's own. Steady state allocates nothing.
 *
 * <p>Why not a JCTools queue: an earlier version carried pooled envelopes through a JCTools {@link
 * org.jctools.queues.SpscArrayQueue} and returned them through a second one (a free list). Measured against raw
 * JCTools in the same run (docs/BENCHMARKS.md), the free list's per-message return trip made the round trip 2.2× and
 * throughput 0.1× of raw JCTools. JCTools queues carry references; none copies into preallocated slots, which is
 * what recycling the envelopes in place needs. The indexing below is the classic SPSC ring (Lamport, with the
 * cached-index refinement JCTools and the Disruptor use).
 *
 * <p>Accounting follows {@link SendResult}: {@code SENT} counts offered; {@code BACKPRESSURED} counts only
 * backpressured (the sender keeps the message); {@code DROPPED} and {@code FAILED} count offered and rejected. The two
 * sequences are the counts: messages sent are the producer's sequence, messages delivered the consumer's, so
 * offered = sent + rejected and in flight = sent - delivered with no counter written per message.
 *
 * <p>JFR: while a recording takes {@link BackpressureEvent}, each run of refused offers (from the first refusal to
 * the next accepted offer) is recorded as one event on the producer thread; an accepted offer pays one null check for
 * it.
 */
public final class SpscChannel implements OutboundChannel, InboundChannel {
    private final LinkSpec spec;
    private final BackpressurePolicy policy;
    private final ChannelFailureListener onFail;
    private final int capacity;
    /** Ring length minus one: the ring is a power of two long so a slot is a mask, not a division, away. */
    private final int mask;
    private final Envelope[] ring;
    /** Messages published: written by the producer, read by the consumer. */
    private final PaddedSequence produced = new PaddedSequence();
    /** Messages consumed (slots given back): written by the consumer, read by the producer. */
    private final PaddedSequence consumed = new PaddedSequence();
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
        this.capacity = spec.capacity();
        // Full is decided by sequences against the exact capacity; the ring is only rounded up for cheap indexing.
        int length = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.mask = length - 1;
        this.ring = new Envelope[length];
        for (int i = 0; i < length; i++) {
            ring[i] = new Envelope();
        }
        // Allocation order is layout here: producer state, a spacer, then consumer state. See ConsumerSide for why.
        this.producer = new ProducerSide();
        this.spacer = new long[16];
        this.consumer = new ConsumerSide();
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
        ProducerSide p = producer;
        long sequence = p.next;
        if (sequence - p.consumedCache >= capacity) {
            p.consumedCache = consumed.getAcquire();
            if (sequence - p.consumedCache >= capacity) {
                return refuse();
            }
        }
        ring[slotOf(sequence)].copyFrom(message);
        p.next = sequence + 1;
        produced.setRelease(sequence + 1);
        if (p.refusalRun != null) {
            closeRefusalRun(true);
        }
        return SendResult.SENT;
    }

    private int slotOf(long sequence) {
        return (int) sequence & mask;
    }

    private SendResult refuse() {
        ProducerSide p = producer;
        switch (policy) {
            case RETRY:
                p.backpressured.increment();
                noteRefusal(SendResult.BACKPRESSURED);
                return SendResult.BACKPRESSURED;
            case DROP_NEWEST:
                p.rejected.increment();
                noteRefusal(SendResult.DROPPED);
                return SendResult.DROPPED;
            case FAIL:
                p.rejected.increment();
                noteRefusal(SendResult.FAILED);
                onFail.onChannelFailed(this);
                return SendResult.FAILED;
            default:
                throw new IllegalStateException("unknown policy " + policy);
        }
    }

    /**
     * Producer thread: counts a refused offer into the open JFR refusal run, or opens one if a recording takes
     * {@link BackpressureEvent}. Without a recording this is one check; names and policy are strings held already.
     */
    private void noteRefusal(SendResult result) {
        ProducerSide p = producer;
        if (p.refusalRun != null) {
            p.refusalRun.refusedAgain();
        } else if (BackpressureEvent.enabled()) {
            p.refusalRun = BackpressureEvent.open(spec.fromName(), spec.toName(), policy.alias(), result.name(),
                    capacity);
        }
    }

    /**
     * Ends the open JFR refusal run, if any, and commits its {@link BackpressureEvent}. The producer thread calls it
     * when an offer is accepted again; the host calls it once the producer has stopped (after joining its thread), for
     * a run that was still open when the run ended.
     *
     * @param recovered true when an accepted offer ends the run
     */
    public void closeRefusalRun(boolean recovered) {
        BackpressureEvent run = producer.refusalRun;
        if (run != null) {
            producer.refusalRun = null;
            run.close(recovered);
        }
    }

    /** Free envelopes: how many more messages the channel can take now (an estimate off the producer thread). */
    @Override
    public int remainingCapacity() {
        return (int) (capacity - (produced.getAcquire() - consumed.getAcquire()));
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
        long first = c.next;
        long available = c.producedCache - first;
        if (available < limit) {
            // The cached sequence may be stale: look again once per batch, so a drain takes everything there is.
            c.producedCache = produced.getAcquire();
            available = c.producedCache - first;
            if (available == 0) {
                return 0;
            }
        }
        // The high-water mark is the most messages the consumer found waiting when it began a batch. It is a sampled
        // lower bound of the true peak (the cached sequence may be stale, and messages of the batch in hand still
        // occupy slots the producer sees as full), traded for not reading the other side's sequence on every offer
        // (a cross-core cache miss per message).
        c.highWaterMark.max(available);
        int batch = (int) Math.min(available, limit);
        int handed = 0;
        try {
            while (handed < batch) {
                Envelope envelope = ring[slotOf(first + handed)];
                handed++; // counted before the call: a handler that throws still consumed its message
                handler.onMessage(envelope);
            }
        } finally {
            if (handed > 0) {
                c.next = first + handed;
                // One store-release gives the whole batch of envelopes back to the producer.
                consumed.setRelease(first + handed);
            }
        }
        return handed;
    }

    /** Any thread: messages waiting to be drained (an estimate while the ends are running). */
    @Override
    public int size() {
        return queued();
    }

    /** Any thread: published minus consumed sequences, an in-flight measure independent of the counters. */
    public int queued() {
        long consumedNow = consumed.getAcquire();
        return (int) (produced.getAcquire() - consumedNow);
    }

    /**
     * Any thread: a snapshot of the counters. Reads the consumer's sequence (delivered) before the producer's (sent),
     * each with acquire ordering, so the producer's is at least as fresh and {@code inFlight >= 0}.
     */
    public ChannelStats stats() {
        long delivered = consumed.getAcquire();
        long rejected = producer.rejected.get();
        long sent = produced.getAcquire();
        long offered = sent + rejected;
        long backpressured = producer.backpressured.get();
        long highWaterMark = consumer.highWaterMark.get();
        return new ChannelStats(spec.fromName(), spec.toName(), spec.capacity(), policy, offered, delivered, rejected,
                sent - delivered, backpressured, highWaterMark);
    }

    @Override
    public String toString() {
        return "SpscChannel{" + spec.label() + ", capacity=" + spec.capacity() + ", policy=" + policy.alias() + '}';
    }

    /** State written only by the producer thread. */
    private static final class ProducerSide {
        final SingleWriterCounter rejected = new SingleWriterCounter();
        final SingleWriterCounter backpressured = new SingleWriterCounter();
        /** The sequence the next offer publishes. */
        long next;
        /** Last consumer sequence seen: the ring is full only if it still looks full after re-reading the real one. */
        long consumedCache;
        /**
         * The JFR event of the refusals since the last accepted offer, or null: one event per run of refusals rather
         * than one per refused offer (see {@link BackpressureEvent} for why). Null unless a recording takes it.
         */
        BackpressureEvent refusalRun;
    }

    /**
     * State written only by the consumer thread.
     *
     * <p>Why the spacer: the producer writes its {@code next} on every offer and the consumer its {@code next} on
     * every drain. If the two small side objects shared a cache line, each write would invalidate the line the other
     * core is using: false sharing, a miss on each side for every message. Java gives no layout control over separate
     * objects, so the constructor allocates the consumer's state after a spacer of two cache lines (a
     * {@code long[16]}): the TLAB bump allocator places objects in allocation order, so it lands away from the
     * producer's state. A moving collector may re-pack the objects later; that costs speed, never correctness.
     */
    private static final class ConsumerSide {
        /** Deepest the channel was found at the start of a drain. */
        final SingleWriterCounter highWaterMark = new SingleWriterCounter();
        /** The sequence of the next message to hand over. */
        long next;
        /** Last producer sequence seen: re-read only when the cache says the ring is empty. */
        long producedCache;
    }
}
