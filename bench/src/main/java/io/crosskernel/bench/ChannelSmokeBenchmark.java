package io.crosskernel.bench;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.concurrent.TimeUnit;
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
 * in steady state. Measured twice in the same run: through crosskernel's {@link SpscChannel} (pooled envelopes, field
 * copy, counters, backpressure policy) and through a raw JCTools {@link SpscArrayQueue} passing preallocated envelope
 * references (no copy, no counters): the baseline. Only the ratio of the two means anything on a shared machine.
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
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseG1GC", "-Xss1m"})
public class ChannelSmokeBenchmark {
    /** Messages offered, then drained, per benchmark invocation. */
    public static final int BATCH = 16;
    /** Channel and queue capacity: larger than a batch so the steady state never sees a full channel. */
    public static final int CAPACITY = 64;

    private SpscChannel channel;
    private Envelope message;
    private EnvelopeHandler handler;

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

    @Setup
    public void setUp(Blackhole blackhole) {
        BlackholeHandler consumer = new BlackholeHandler(blackhole);
        channel = new SpscChannel(new LinkSpec(0, "producer", 1, "consumer", CAPACITY, BackpressurePolicy.RETRY),
                failed -> {
                    throw new IllegalStateException("a RETRY channel never fails: " + failed);
                });
        message = new Envelope();
        handler = consumer;

        rawQueue = new SpscArrayQueue<>(CAPACITY);
        rawEnvelopes = new Envelope[BATCH];
        for (int i = 0; i < BATCH; i++) {
            rawEnvelopes[i] = new Envelope();
        }
        rawConsumer = consumer;
    }

    /** crosskernel: offer copies into a pooled envelope and counts; drain hands over, counts and recycles. */
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
