package io.crosskernel.bench;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.concurrent.TimeUnit;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Smoke benchmark of the channel hot path: offer a batch of {@value #BATCH} messages, then drain them, on one thread,
 * in steady state. Measured three ways in the same run: through crosskernel's {@link SpscChannel} (each message's
 * seven fields copied into a record of its ring and out into the consumer's envelope, exact capacity, high-water
 * mark, backpressure policy); through a bare Agrona {@link OneToOneRingBuffer} doing the same copies in and out (the
 * ring the channel is built on: channel over it is what the channel's own bookkeeping costs); and through a raw
 * JCTools {@link SpscArrayQueue} passing preallocated envelope references (no copy at all). Only ratios mean anything
 * on a shared machine.
 *
 * <p>Scores are per message ({@link OperationsPerInvocation}), so {@code gc.alloc.rate.norm} under {@code -prof gc}
 * is bytes per message; the channel's must be 0.
 *
 * <p>This is not a cross-core latency: producer and consumer are the same thread, so no cache line moves between
 * cores. It measures the bookkeeping the channel adds on top of the queue.
 *
 * <p>Threading: JMH runs each benchmark method on one thread with its own {@link Scope#Thread} state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK})
public class ChannelSmokeBenchmark {
    /** Messages offered, then drained, per benchmark invocation. */
    public static final int BATCH = 16;
    /** Channel and queue capacity: larger than a batch so the steady state never sees a full channel. */
    public static final int CAPACITY = 64;
    /** The bare ring's records: Agrona's header and the seven fields, one cache line, as in the channel. */
    private static final int RING_RECORD = 64;

    private SpscChannel channel;
    private Envelope message;
    private EnvelopeHandler handler;

    private OneToOneRingBuffer ring;
    private RingCopy ringCopy;

    private SpscArrayQueue<Envelope> rawQueue;
    private Envelope[] rawEnvelopes;
    private MessagePassingQueue.Consumer<Envelope> rawConsumer;

    /** Consumes a field of each message so the JIT cannot drop the drain; a named class, not a capturing lambda. */
    private static final class BlackholeHandler implements EnvelopeHandler, MessagePassingQueue.Consumer<Envelope> {
        private final Blackhole blackhole;

        BlackholeHandler(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onMessage(Envelope envelope) {
            blackhole.consume(envelope.payload);
        }

        @Override
        public void accept(Envelope envelope) {
            blackhole.consume(envelope.payload);
        }
    }

    /** The bare ring's drain callback: copies a record's seven fields into an envelope, as the channel's does. */
    private static final class RingCopy implements MessageHandler {
        private final Envelope envelope = new Envelope();
        private final EnvelopeHandler handler;

        RingCopy(EnvelopeHandler handler) {
            this.handler = handler;
        }

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            Envelope e = envelope;
            e.requestId = buffer.getLong(index);
            e.traceId = buffer.getLong(index + 8);
            e.originNanos = buffer.getLong(index + 16);
            e.sentNanos = buffer.getLong(index + 24);
            e.payload = buffer.getLong(index + 32);
            e.routeId = buffer.getInt(index + 40);
            e.stage = buffer.getInt(index + 44);
            handler.onMessage(e);
        }
    }

    @Setup
    public void setUp(Blackhole blackhole) {
        BlackholeHandler consumer = new BlackholeHandler(blackhole);
        channel = new SpscChannel(new LinkSpec(0, "producer", 1, "consumer", CAPACITY, BackpressurePolicy.RETRY),
                failed -> {
                    throw new IllegalStateException("a RETRY channel never fails: " + failed);
                });
        message = new Envelope();
        handler = consumer;

        int ringBytes = Integer.highestOneBit(CAPACITY) * 2 * RING_RECORD + RingBufferDescriptor.TRAILER_LENGTH;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(ringBytes, RING_RECORD)));
        ringCopy = new RingCopy(consumer);

        rawQueue = new SpscArrayQueue<>(CAPACITY);
        rawEnvelopes = new Envelope[BATCH];
        for (int i = 0; i < BATCH; i++) {
            rawEnvelopes[i] = new Envelope();
        }
        rawConsumer = consumer;
    }

    /** crosskernel: offer copies into a record of the ring; drain copies each out and hands it over. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int crosskernelSpscChannel() {
        Envelope m = message;
        for (int i = 0; i < BATCH; i++) {
            m.payload = i;
            if (channel.offer(m) != SendResult.SENT) {
                throw new IllegalStateException("channel full in steady state");
            }
        }
        return channel.drain(handler, BATCH);
    }

    /** The ring alone: the same records, copies and drain, without the channel's checks and bookkeeping. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int agronaRingBuffer() {
        Envelope m = message;
        OneToOneRingBuffer r = ring;
        MutableDirectBuffer buffer = r.buffer();
        for (int i = 0; i < BATCH; i++) {
            m.payload = i;
            int index = r.tryClaim(1, RING_RECORD - 8);
            if (index <= 0) {
                throw new IllegalStateException("ring full in steady state");
            }
            buffer.putLong(index, m.requestId);
            buffer.putLong(index + 8, m.traceId);
            buffer.putLong(index + 16, m.originNanos);
            buffer.putLong(index + 24, m.sentNanos);
            buffer.putLong(index + 32, m.payload);
            buffer.putInt(index + 40, m.routeId);
            buffer.putInt(index + 44, m.stage);
            r.commit(index);
        }
        return r.read(ringCopy, BATCH);
    }

    /** Baseline: the same offer-then-drain pattern on a bare JCTools queue of references. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jctoolsSpscArrayQueue() {
        Envelope[] envelopes = rawEnvelopes;
        for (int i = 0; i < BATCH; i++) {
            Envelope e = envelopes[i];
            e.payload = i;
            if (!rawQueue.offer(e)) {
                throw new IllegalStateException("queue full in steady state");
            }
        }
        return rawQueue.drain(rawConsumer, BATCH);
    }
}
