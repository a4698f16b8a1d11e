package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.jfr.BackpressureEvent;
import io.crosskernel.api.metrics.SingleWriterCounter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Single-producer single-consumer bounded channel between two kernels.
 *
 * <p>Threading contract:
 * <ul>
 *   <li>exactly one producer thread calls {@link #offer(Envelope)} (and may call {@link #remainingCapacity()});</li>
 *   <li>exactly one consumer thread calls {@link #drain(EnvelopeHandler, int)};</li>
 *   <li>{@link #stats()}, {@link #queued()}, {@link #size()} and the accessors may be called from any thread.</li>
 * </ul>
 * The producer and consumer may be the same thread. Calling {@code offer} or {@code drain} from two threads at once
 * corrupts the ring and loses counts: that is the contract, not a bug.
 *
 * <p>Design: an Agrona {@link OneToOneRingBuffer} in off-heap memory aligned to a cache line, every record exactly
 * {@value #RECORD_BYTES} bytes: Agrona's 8-byte header and the envelope's fields. {@code offer} claims the next
 * record, writes the sender's fields into it in place and commits it: the commit is an ordered store of the record's
 * own length field, which is what the consumer polls, so a message and its publication share one cache line and one
 * line travels per message. {@code drain} reads the records in place into the consumer's own {@link Envelope} and
 * hands that to the handler, then gives the whole batch back with one ordered store of the head position. Nothing is
 * allocated per message.
 *
 * <p>Why Agrona's ring and not the earlier designs (docs/BENCHMARKS.md has the figures): a JCTools queue of pooled
 * envelopes plus a second queue as free list cost 2.95× the volatile floor per round trip; a ring of padded on-heap
 * envelopes published through a separate sequence cost 1.6× (the envelope's fields span two lines, plus the sequence
 * line); records in an aligned ring cost 1.05-1.08× in the same run. Java gives no control over where an object's
 * fields fall on cache lines; an off-heap record at a 64-byte boundary does.
 *
 * <p>Layout on the heap: both ends read this object on every call, the producer writes its state on every offer and
 * the consumer its state and envelope on every drain. This object and each end's state therefore start behind
 * {@link CacheLinePadding}, and the envelope carries padding behind its fields, so neither end's writes, nor those of
 * whatever object another thread writes next to the channel, land on a line the other end reads. Measured: a reply
 * holder allocated just before the channel made the round trip 1.60x the volatile floor instead of 1.13x.
 *
 * <p>Capacity: the ring holds a power of two of records, more than the capacity (Agrona keeps a header's room free
 * behind the last record) and at least {@value #MIN_RECORDS} (its smallest ring for a record this size); the
 * channel's own capacity is enforced exactly on top of it by the producer, against a cached copy of the consumer's
 * position that it re-reads only when the channel looks full.
 *
 * <p>Accounting follows {@link SendResult}: {@code SENT} counts offered; {@code BACKPRESSURED} counts only
 * backpressured (the sender keeps the message); {@code DROPPED} and {@code FAILED} count offered and rejected. The
 * ring's two positions are the counts: messages sent are the producer's position over {@value #RECORD_BYTES},
 * messages delivered the consumer's, so offered = sent + rejected and in flight = sent - delivered with no counter
 * written per message. (Less any record a producer process died holding, which the host released as padding:
 * {@link #releaseDeadProducersClaim}.)
 *
 * <p>Memory ordering (who relies on seeing whose writes in which order; docs/ARCHITECTURE.md#memory-ordering):
 * <ul>
 *   <li>A record's fields are plain stores, published by Agrona's commit: a release store of the record's length,
 *       which the consumer polls with an acquire load. A consumer that sees the length sees every field
 *       ({@code RecordFieldsTest}).</li>
 *   <li>The consumer gives records back with a release store of its position (Agrona's head), after it has read
 *       them; the producer reads that position with an acquire load ({@link #consumerPositionAcquire()}) before it
 *       writes into the freed records, so it never overwrites one the consumer is still reading
 *       ({@code CachedConsumerPositionTest}).</li>
 *   <li>The producer's sequence ({@code next}) and its cached copy of the consumer's position are plain fields: only
 *       the producer reads and writes them. The cache may lag the consumer; it only ever makes the channel look fuller
 *       than it is, and a refresh happens before any refusal ({@code ExactCapacityTest}).</li>
 *   <li>Readers on other threads ({@link #stats()}, {@link #queued()}) read the consumer's position before the
 *       producer's, both acquire: the consumer never passes the producer, and what it had read was published
 *       before it, so the in-flight figure is never negative.</li>
 *   <li>The producer's and the consumer's counters are {@link SingleWriterCounter}s: release stores by their one
 *       writer, never torn, never going backwards for a reader ({@code CounterNeverGoesBackwardsTest}).</li>
 * </ul>
 * The tests named are jcstress tests in the bench module (docs/TESTING.md).
 *
 * <p>JFR: while a recording takes {@link BackpressureEvent}, each run of refused offers (from the first refusal to
 * the next accepted offer) is recorded as one event on the producer thread; an accepted offer pays nothing for it (the
 * run is closed on the slow path the offer after a refusal always takes).
 */
public final class SpscChannel extends CacheLinePadding implements OutboundChannel, InboundChannel {
    /** One message: Agrona's record header and the envelope's fields, one cache line. */
    static final int RECORD_BYTES = 64;
    /** The smallest ring {@link OneToOneRingBuffer} accepts for a record of {@value #RECORD_BYTES} bytes. */
    static final int MIN_RECORDS = 8;
    private static final int MESSAGE_TYPE = 1;
    /** Full batches between two samples of the producer's position for the high-water mark. */
    static final int HWM_SAMPLE_EVERY = 16;
    private static final int FIELD_BYTES = RECORD_BYTES - RecordDescriptor.HEADER_LENGTH;
    // Field offsets within a record's payload; the last 8 of its 56 bytes are unused.
    private static final int REQUEST_ID = 0;
    private static final int TRACE_ID = 8;
    private static final int ORIGIN_NANOS = 16;
    private static final int SENT_NANOS = 24;
    private static final int PAYLOAD = 32;
    private static final int ROUTE_ID = 40;
    private static final int STAGE = 44;
    private static final long[] NO_RELEASED_CLAIMS = new long[0];

    private final LinkSpec spec;
    private final BackpressurePolicy policy;
    private final ChannelFailureListener onFail;
    private final int capacity;
    private final OneToOneRingBuffer ring;
    /** Ring length in bytes minus one: a position's offset in the ring is a mask away. */
    private final long ringMask;
    /** Where Agrona keeps the consumer's position (head) and the producer's (tail) in the ring's trailer. */
    private final int headPositionIndex;
    private final int tailPositionIndex;
    private final ProducerSide producer;
    private final ConsumerSide consumer;
    /**
     * Byte positions of records a producer claimed and died before committing, which {@link #releaseDeadProducersClaim}
     * turned into padding: in the ring's positions, never messages. Copy on write by the one thread that releases
     * claims (the host's), read by {@link #stats()}; volatile so a reader sees a whole array. Almost always empty.
     */
    private volatile long[] releasedClaims = NO_RELEASED_CLAIMS;

    /**
     * Builds the channel and allocates its ring ({@value #RECORD_BYTES} bytes per message, off-heap). Call on any
     * thread, then hand the channel to its producer and consumer through a safe publication (a thread start, a
     * volatile, a latch).
     *
     * @param onFail told when a {@code FAIL}-policy channel is full; called on the producer thread
     */
    public SpscChannel(LinkSpec spec, ChannelFailureListener onFail) {
        this(spec, onFail, ChannelMemory.DIRECT.ringFor(spec, ringBytes(spec.capacity())));
    }

    /**
     * Builds the channel over {@code ringMemory}: {@link #ringBytes(int)} bytes, aligned to a cache line, either all
     * zero (a new ring) or the ring of the same link that another process built over the same mapped file. The
     * memory's owner unmaps or frees it, after both ends have stopped.
     */
    public SpscChannel(LinkSpec spec, ChannelFailureListener onFail, AtomicBuffer ringMemory) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.policy = Objects.requireNonNull(spec.policy(), "spec.policy");
        this.onFail = Objects.requireNonNull(onFail, "onFail");
        this.capacity = spec.capacity();
        int records = records(capacity);
        if (ringMemory.capacity() != ringBytes(capacity)) {
            throw new IllegalArgumentException("channel " + spec.label() + ": ring memory of " + ringMemory.capacity()
                    + " bytes, expected " + ringBytes(capacity));
        }
        this.ring = new OneToOneRingBuffer(ringMemory);
        this.ringMask = (long) records * RECORD_BYTES - 1;
        this.headPositionIndex = ring.capacity() + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        this.tailPositionIndex = ring.capacity() + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        // The channel and each side's state start behind padding (CacheLinePadding): the producer's and consumer's
        // per-message writes never land on a line the other end reads.
        long ringAddress = ring.buffer().addressOffset();
        this.producer = new ProducerSide(ringAddress);
        this.consumer = new ConsumerSide(ringAddress);
        // A ring that already holds positions (a kernel process restarted on its predecessor's mapped rings,
        // docs/PROCESSES.md) is resumed where it stands: the producer's sequence from the producer's position, its
        // cache from the consumer's. A new ring is zeroed, so both start at 0. Acquire loads: the positions were
        // stored (with release) by the ends of another process, which ended before this one started.
        this.producer.next = producerPositionAcquire() / RECORD_BYTES;
        this.producer.consumedCache = consumerPositionAcquire() / RECORD_BYTES;
    }

    /** Strictly more records than the capacity: Agrona keeps a header's room free behind the last record. */
    private static int records(int capacity) {
        return Math.max(MIN_RECORDS, Integer.highestOneBit(capacity) << 1);
    }

    /** Bytes of ring memory a channel of {@code capacity} messages needs: its records and Agrona's trailer. */
    public static int ringBytes(int capacity) {
        return records(capacity) * RECORD_BYTES + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * The producer's counters (rejected, backpressured): written by the producer thread, or, when the producer runs
     * in another process, by the one thread that mirrors that process's figures here (docs/PROCESSES.md).
     */
    List<SingleWriterCounter> producerCounters() {
        return List.of(producer.rejected, producer.backpressured);
    }

    /** The consumer's counters (high-water mark), with the same single-writer rule as {@link #producerCounters()}. */
    List<SingleWriterCounter> consumerCounters() {
        return List.of(consumer.highWaterMark);
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
     * Producer thread only. Writes {@code message}'s fields into the next record and publishes it; when the channel
     * is full, answers according to the policy. Never blocks; allocates only on the {@code FAIL} path if the listener
     * does.
     */
    @Override
    public SendResult offer(Envelope message) {
        ProducerSide p = producer;
        long sequence = p.next;
        if (sequence - p.consumedCache >= capacity && !hasRoomAfterRefresh(p, sequence)) {
            return refuse();
        }
        int index = ring.tryClaim(MESSAGE_TYPE, FIELD_BYTES);
        if (index <= 0) {
            // The ring holds at least capacity records and the check above found a free one: unreachable unless the
            // single-producer contract was broken.
            throw new IllegalStateException("channel " + spec.label() + ": ring full below capacity " + capacity
                    + " (two threads offering?)");
        }
        // Raw stores at the record's address: every access through an Agrona buffer checks its bounds (unless the JVM
        // runs with -Dagrona.disable.bounds.checks=true), and fourteen checks per message were a third of the
        // channel's cost on one thread (docs/BENCHMARKS.md). The index comes from tryClaim, which Agrona checked, and
        // the offsets are constants inside the record's 56 bytes.
        long record = p.ringAddress + index;
        UnsafeApi.putLong(record + REQUEST_ID, message.requestId);
        UnsafeApi.putLong(record + TRACE_ID, message.traceId);
        UnsafeApi.putLong(record + ORIGIN_NANOS, message.originNanos);
        UnsafeApi.putLong(record + SENT_NANOS, message.sentNanos);
        UnsafeApi.putLong(record + PAYLOAD, message.payload);
        UnsafeApi.putInt(record + ROUTE_ID, message.routeId);
        UnsafeApi.putInt(record + STAGE, message.stage);
        ring.commit(index);
        p.next = sequence + 1;
        return SendResult.SENT;
    }

    /**
     * Producer thread only: a message lost on the wire by an injected fault (simulation, docs/SIMULATION.md). Counted
     * offered and rejected exactly like a {@code drop-newest} refusal, so the channel still balances; the sender is
     * told {@link SendResult#DROPPED} and counts the request dropped.
     */
    public SendResult rejectInjected() {
        producer.rejected.increment();
        return SendResult.DROPPED;
    }

    /**
     * Producer thread, when the channel looks full against the cached consumer position: re-reads the consumer's
     * position (a miss on the consumer's line, which is why it is cached). Also where an open JFR refusal run ends:
     * after a refusal neither the sequence nor the cached position has moved, so the next offer always comes here,
     * and an accepted offer on the common path needs no check for it.
     */
    private boolean hasRoomAfterRefresh(ProducerSide p, long sequence) {
        p.consumedCache = consumerPositionAcquire() / RECORD_BYTES;
        if (sequence - p.consumedCache >= capacity) {
            return false;
        }
        if (p.refusalRun != null) {
            closeRefusalRun(true);
        }
        return true;
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

    /** How many more messages the channel can take now (an estimate off the producer thread). */
    @Override
    public int remainingCapacity() {
        return capacity - queued();
    }

    /**
     * Consumer thread only. Hands up to {@code limit} messages, oldest first, to {@code handler}, each in the
     * consumer's own envelope (valid only during the call). A message is counted as delivered and its record given
     * back even if the handler throws (the exception then propagates and the rest of the batch stays queued). Not
     * reentrant: a handler must not drain this channel.
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
        c.handler = handler;
        int read;
        try {
            read = ring.read(c, limit);
            if (read > 0 && read < limit && (consumerPositionPlain() & ringMask) == 0) {
                // Agrona reads no further than the end of the buffer in one call: a batch that reached it carries on
                // from the start, so a drain still takes everything there is (up to the limit).
                read += ring.read(c, limit - read);
            }
        } finally {
            c.handler = null;
        }
        // The high-water mark: the most messages found waiting at a drain, never above the capacity (a drain that
        // crossed the ring's end, or that the producer refilled behind, can count more than were ever queued at
        // once). A drain that took less than its limit took everything there was, which costs one comparison to
        // record. A full batch may have left more behind, and counting those means reading the producer's position:
        // a miss on a line the producer owns. So it is only counted when full batches come back to back (a backlog;
        // a consumer that alternates between finding nothing and finding its one message never pays it), and then
        // every HWM_SAMPLE_EVERY-th time.
        if (read < limit) {
            c.fullStreak = 0;
            c.highWaterMark.max(Math.min(capacity, read));
        } else if (read > 0) {
            noteFullBatch(c, read);
        }
        return read;
    }

    /** Consumer thread: a drain took all {@code read} messages it was allowed. */
    private void noteFullBatch(ConsumerSide c, int read) {
        long waiting = read;
        if (++c.fullStreak >= 2 && --c.fullBatchesToSample <= 0) {
            c.fullBatchesToSample = HWM_SAMPLE_EVERY;
            waiting += (producerPositionAcquire() - consumerPositionPlain()) / RECORD_BYTES;
        }
        c.highWaterMark.max(Math.min(capacity, waiting));
    }

    /** Any thread: messages waiting to be drained (an estimate while the ends are running). */
    @Override
    public int size() {
        return queued();
    }

    /** Any thread: the producer's minus the consumer's position (consumer's read first: see {@link #stats()}). */
    public int queued() {
        long consumedBytes = consumerPositionAcquire();
        return (int) ((producerPositionAcquire() - consumedBytes) / RECORD_BYTES);
    }

    /**
     * Any thread: a snapshot of the counters. Reads the consumer's position (delivered) before the producer's (sent),
     * each an acquire load: every record the consumer had given back was published by the producer before, so the
     * producer's position read afterwards is at least as far and {@code inFlight >= 0}.
     */
    public ChannelStats stats() {
        long[] released = releasedClaims;
        long head = consumerPositionAcquire();
        long delivered = head / RECORD_BYTES;
        long rejected = producer.rejected.getOpaque();
        long sent = producerPositionAcquire() / RECORD_BYTES - released.length;
        for (long position : released) {
            if (position < head) {
                delivered--; // the consumer passed it without handing it to anyone
            }
        }
        long offered = sent + rejected;
        long backpressured = producer.backpressured.getOpaque();
        long highWaterMark = consumer.highWaterMark.getOpaque();
        return new ChannelStats(spec.fromName(), spec.toName(), spec.capacity(), policy, offered, delivered, rejected,
                sent - delivered, backpressured, highWaterMark);
    }

    /**
     * Host thread, once the channel's producer has died (its process is gone, so nothing else writes its side of the
     * ring) and before a new producer starts on the ring: releases the record the dead producer had claimed and not
     * committed, if it died inside an offer. Without this the consumer would wait at that record for ever: Agrona's
     * read stops at a record whose length is not yet positive, and a restarted producer carries on behind it.
     *
     * <p>Agrona advances the tail (release) before it marks the claimed record's length negative, and zeroes the
     * header behind the record only after that: so the dead producer's last record may have a zero or a negative
     * length, and the header at the tail may still be a committed record of the ring's previous lap. This writes what
     * Agrona's claim and abort would have: the header at the tail zeroed (so the consumer stops there), then the
     * record's type set to padding, then its length, with a release store, which the consumer's acquire load of the
     * length pairs with. The consumer then steps over the record without handing it to anyone, as it does Agrona's own
     * padding, and {@link #stats()} counts it neither sent nor delivered: its message never left the producer.
     *
     * @return 1 when a claimed record was released (the caller counts its request as lost with the producer), else 0
     */
    public int releaseDeadProducersClaim() {
        AtomicBuffer buffer = ring.buffer();
        long tail = producerPositionAcquire();
        if (tail == consumerPositionAcquire()) {
            return 0; // the consumer took every record, so each was committed
        }
        long last = tail - RECORD_BYTES; // ahead of the consumer: it cannot pass a record not committed
        int index = (int) (last & ringMask);
        if (buffer.getIntAcquire(RecordDescriptor.lengthOffset(index)) > 0) {
            return 0; // committed: the producer died after its offer
        }
        buffer.putLong((int) (tail & ringMask), 0L);
        buffer.putInt(RecordDescriptor.typeOffset(index), RingBuffer.PADDING_MSG_TYPE_ID);
        buffer.putIntRelease(RecordDescriptor.lengthOffset(index), RECORD_BYTES);
        long[] before = releasedClaims;
        long[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = last;
        releasedClaims = after;
        return 1;
    }

    /**
     * Any thread: the consumer's position in bytes, an acquire load. The consumer stores it with a release after
     * reading the records it gives back, so a producer that reads it this way may reuse those records.
     */
    private long consumerPositionAcquire() {
        return ring.buffer().getLongAcquire(headPositionIndex);
    }

    /** Consumer thread only: its own position, a plain load (no other thread writes it). */
    private long consumerPositionPlain() {
        return ring.buffer().getLong(headPositionIndex);
    }

    /** Any thread: the producer's position (claimed records) in bytes, an acquire load. */
    private long producerPositionAcquire() {
        return ring.buffer().getLongAcquire(tailPositionIndex);
    }

    @Override
    public String toString() {
        return "SpscChannel{" + spec.label() + ", capacity=" + spec.capacity() + ", policy=" + policy.alias() + '}';
    }

    /** State written only by the producer thread; padded in front (see {@link CacheLinePadding}). */
    private static final class ProducerSide extends CacheLinePadding {
        final SingleWriterCounter rejected = new SingleWriterCounter();
        final SingleWriterCounter backpressured = new SingleWriterCounter();
        /** Address of the ring's first byte (off-heap, fixed for the channel's life): see {@link #offer}. */
        final long ringAddress;
        /** Messages sent so far: the sequence of the next one. Plain: only the producer reads and writes it. */
        long next;
        /**
         * Last consumer position seen, in messages: re-read (acquire) only when the channel looks full. Plain: only
         * the producer reads and writes it; a stale value only makes the channel look fuller than it is.
         */
        long consumedCache;
        /**
         * The JFR event of the refusals since the last accepted offer, or null: one event per run of refusals rather
         * than one per refused offer (see {@link BackpressureEvent} for why). Null unless a recording takes it.
         */
        BackpressureEvent refusalRun;

        ProducerSide(long ringAddress) {
            this.ringAddress = ringAddress;
        }
    }

    /**
     * State written only by the consumer thread, and the ring's record handler: it reads a record's fields into the
     * consumer's envelope and hands that to the caller's handler, parked in a field for the length of one drain (so
     * draining allocates nothing).
     *
     * <p>Why the padding: the producer writes its {@code next} on every offer and the consumer its envelope on every
     * message. If the two small side objects shared a cache line, each write would invalidate the line the other
     * core is using: false sharing, a miss on each side for every message. Both sides (and the channel object, which
     * both ends read on every call) start behind {@link CacheLinePadding}; the envelope, allocated last, carries its
     * own padding behind its fields. A moving collector may re-pack objects later; padding moves with its object.
     */
    private static final class ConsumerSide extends CacheLinePadding implements MessageHandler {
        /** Deepest the channel was found at a drain (sampled: see {@link SpscChannel#drain}). */
        final SingleWriterCounter highWaterMark = new SingleWriterCounter();
        /** Full batches drained back to back; 0 after a drain that took less than its limit. */
        int fullStreak;
        final Envelope envelope = new Envelope();
        EnvelopeHandler handler;
        /** Address of the ring's first byte, as the producer's. */
        final long ringAddress;
        /** Back-to-back full batches left before the next look at the producer's position (the first looks). */
        int fullBatchesToSample = 1;

        ConsumerSide(long ringAddress) {
            this.ringAddress = ringAddress;
        }

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            Envelope e = envelope;
            // Raw loads for the same reason as offer's raw stores; Agrona's read handed over a checked index.
            long record = ringAddress + index;
            e.requestId = UnsafeApi.getLong(record + REQUEST_ID);
            e.traceId = UnsafeApi.getLong(record + TRACE_ID);
            e.originNanos = UnsafeApi.getLong(record + ORIGIN_NANOS);
            e.sentNanos = UnsafeApi.getLong(record + SENT_NANOS);
            e.payload = UnsafeApi.getLong(record + PAYLOAD);
            e.routeId = UnsafeApi.getInt(record + ROUTE_ID);
            e.stage = UnsafeApi.getInt(record + STAGE);
            handler.onMessage(e);
        }
    }
}
