package io.crosskernel.bench.throughput;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.bench.BenchFlags;
import io.crosskernel.bench.OneWaySides;
import io.crosskernel.bench.OneWaySides.ConsumerSide;
import io.crosskernel.bench.OneWaySides.ProducerSide;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
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
 * <p>{@code transport=crosskernel} is {@link SpscChannel} (copy into a pooled envelope, counters, free list);
 * {@code transport=jctools} is the bare {@link SpscArrayQueue} it is built on, passing one preallocated reference.
 *
 * <p>Threading: a JMH group of exactly two threads sharing one {@link Pipe} ({@link Scope#Group}); each side's state
 * ({@link Scope#Thread}) is set up, and pinned, on its own thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK, BenchFlags.AGRONA_EXPORTS})
public class ThroughputBenchmark {
    public static final String CROSSKERNEL = "crosskernel";
    public static final String JCTOOLS = "jctools";
    /** Channel / queue capacity: four of the largest bursts. */
    static final int CAPACITY = 1024;

    /** The queue or channel both threads share. */
    @State(Scope.Group)
    public static class Pipe {
        @Param({JCTOOLS, CROSSKERNEL})
        public String transport;
        @Param({"1", "16", "256"})
        public int burst;

        SpscChannel channel;
        SpscArrayQueue<Envelope> queue;

        @Setup(Level.Trial)
        public void setUp() {
            if (CROSSKERNEL.equals(transport)) {
                channel = new SpscChannel(new LinkSpec(0, "producer", 1, "consumer", CAPACITY,
                        BackpressurePolicy.RETRY), failed -> {
                            throw new IllegalStateException("a RETRY channel never fails: " + failed);
                        });
            } else if (JCTOOLS.equals(transport)) {
                queue = new SpscArrayQueue<>(CAPACITY);
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
        return OneWaySides.received(side, pipe.channel != null ? pipe.channel.drain(side, pipe.burst)
                : pipe.queue.drain(side, pipe.burst));
    }
}
