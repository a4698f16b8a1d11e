package io.crosskernel.bench.throughput;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.bench.BenchFlags;
import io.crosskernel.bench.OneWaySides;
import io.crosskernel.bench.OneWaySides.ConsumerSide;
import io.crosskernel.bench.OneWaySides.ProducerSide;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * One-way throughput across two cores: a producer thread (pinned to CPU {@value BenchFlags#MEASURE_CPU}) offers
 * bursts of {@code burst} messages; a consumer thread (CPU {@value BenchFlags#ECHO_CPU}) drains up to {@code burst}
 * per call. The figure is the consumer's {@code messages} counter (ops/s = messages per second); under
 * {@code -prof gc}, bytes per message = {@code gc.alloc.rate} / messages per second.
 *
 * <p>Transports:
 * <ul>
 *   <li>{@code crosskernel}: {@link SpscChannel}, as kernels use it: {@code offer} copies the sender's seven fields
 *       into a 64-byte record of the channel's ring, {@code drain} reads them into the consumer's envelope;</li>
 *   <li>{@code jctools}: a bare {@link SpscArrayQueue} passing one preallocated envelope reference over and over: the
 *       queue's own cost, with no message data crossing the cores (16 references share a cache line);</li>
 *   <li>{@code jctools-envelopes}: the same queue carrying the message: the producer fills the next envelope of a
 *       preallocated ring of {@value #ENVELOPE_RING} (all seven fields) and offers it, the consumer reads all seven
 *       fields. This is what passing messages through JCTools costs when the data has to move, as it does between
 *       kernels.</li>
 * </ul>
 *
 * <p>Threading: a JMH group of exactly two threads sharing one {@link Pipe} ({@link Scope#Group}); each side's state
 * ({@link Scope#Thread}) is set up, and pinned, on its own thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK})
public class ThroughputBenchmark {
    public static final String CROSSKERNEL = "crosskernel";
    public static final String JCTOOLS = "jctools";
    public static final String JCTOOLS_ENVELOPES = "jctools-envelopes";
    /** Every transport, baselines first. */
    public static final List<String> TRANSPORTS = List.of(JCTOOLS, JCTOOLS_ENVELOPES, CROSSKERNEL);
    /** Every burst size. */
    public static final List<Integer> BURSTS = List.of(1, 16, 256);
    /** Channel / queue capacity: four of the largest bursts. */
    static final int CAPACITY = 1024;
    /**
     * Envelopes the {@code jctools-envelopes} producer cycles through. The queue holds at most {@link #CAPACITY}, and
     * JCTools frees a slot before it hands the element to the consumer's callback, so the producer may refill an
     * envelope only once {@code CAPACITY + 2} later ones were offered; four times the capacity leaves ample margin.
     */
    static final int ENVELOPE_RING = 4 * CAPACITY;

    /** The queue or channel both threads share. */
    @State(Scope.Group)
    public static class Pipe {
        @Param({JCTOOLS, JCTOOLS_ENVELOPES, CROSSKERNEL})
        public String transport;
        @Param({"1", "16", "256"})
        public int burst;

        SpscChannel channel;
        SpscArrayQueue<Envelope> queue;
        /** {@code jctools-envelopes} only: the envelopes the producer fills in turn (null otherwise). */
        Envelope[] envelopes;

        @Setup(Level.Trial)
        public void setUp() {
            if (CROSSKERNEL.equals(transport)) {
                channel = new SpscChannel(new LinkSpec(0, "producer", 1, "consumer", CAPACITY,
                        BackpressurePolicy.RETRY), failed -> {
                            throw new IllegalStateException("a RETRY channel never fails: " + failed);
                        });
            } else if (JCTOOLS.equals(transport)) {
                queue = new SpscArrayQueue<>(CAPACITY);
            } else if (JCTOOLS_ENVELOPES.equals(transport)) {
                queue = new SpscArrayQueue<>(CAPACITY);
                envelopes = new Envelope[ENVELOPE_RING];
                for (int i = 0; i < envelopes.length; i++) {
                    envelopes[i] = new Envelope();
                }
            } else {
                throw new IllegalArgumentException("unknown transport " + transport);
            }
        }
    }

    @Benchmark
    @Group("oneWay")
    @GroupThreads(1)
    public void produce(Pipe pipe, ProducerSide side, Control control) {
        Envelope m = side.message;
        int burst = pipe.burst;
        if (pipe.channel != null) {
            SpscChannel channel = pipe.channel;
            for (int i = 0; i < burst; i++) {
                m.payload = i;
                if (!OneWaySides.send(channel, m, control)) {
                    return;
                }
            }
        } else if (pipe.envelopes != null) {
            SpscArrayQueue<Envelope> queue = pipe.queue;
            Envelope[] envelopes = pipe.envelopes;
            for (int i = 0; i < burst; i++) {
                Envelope e = envelopes[(int) (side.sent++ & (ENVELOPE_RING - 1))];
                e.copyFrom(m);
                e.payload = i;
                while (!queue.offer(e)) {
                    if (control.stopMeasurement) {
                        return;
                    }
                    Thread.onSpinWait();
                }
            }
        } else {
            SpscArrayQueue<Envelope> queue = pipe.queue;
            for (int i = 0; i < burst; i++) {
                m.payload = i; // the consumer may read the shared envelope late: only the count matters here
                while (!queue.offer(m)) {
                    if (control.stopMeasurement) {
                        return;
                    }
                    Thread.onSpinWait();
                }
            }
        }
    }

    @Benchmark
    @Group("oneWay")
    @GroupThreads(1)
    public long consume(Pipe pipe, ConsumerSide side) {
        int drained;
        if (pipe.channel != null) {
            drained = pipe.channel.drain(side, pipe.burst);
        } else if (pipe.envelopes != null) {
            drained = pipe.queue.drain(OneWaySides.wholeEnvelopeReader(side), pipe.burst);
        } else {
            drained = pipe.queue.drain(side, pipe.burst);
        }
        return OneWaySides.received(side, drained);
    }
}
