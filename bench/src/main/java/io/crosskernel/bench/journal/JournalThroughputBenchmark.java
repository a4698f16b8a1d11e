package io.crosskernel.bench.journal;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.SendResult;
import io.crosskernel.bench.BenchFlags;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * The sustained message rate across two cores with journaling off and on: a producer thread (CPU
 * {@value BenchFlags#MEASURE_CPU}) offers bursts of 16, a consumer thread (CPU {@value BenchFlags#ECHO_CPU}) drains
 * up to 16 per call, each end appending to its own queue when journaled. The figure is the consumer's
 * {@code messages} counter.
 *
 * <p>Threading: a JMH group of two threads sharing one {@link Pipe}; each side pins itself on its own thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseG1GC", "-Xss1m",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class JournalThroughputBenchmark {
    private static final int BURST = 16;

    /** The channel both threads share, journaled or not. */
    @State(Scope.Group)
    public static class Pipe {
        @Param({JournalFixture.OFF, "digest"})
        public String journal;

        JournalFixture fixture;

        @Setup(Level.Trial)
        public void setUp() {
            fixture = new JournalFixture(journal, 1024);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fixture.close();
        }
    }

    /** The producer's envelope and pinning. */
    @State(Scope.Thread)
    public static class ProducerSide {
        final Envelope message = new Envelope();

        @Setup(Level.Trial)
        public void pin() {
            System.out.println("pinning: producer " + ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU).detail());
        }
    }

    /** The consumer's handler, pinning and the message counter JMH reports as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ConsumerSide implements EnvelopeHandler {
        public long messages;
        private long checksum;

        @Setup(Level.Trial)
        public void pin() {
            System.out.println("pinning: consumer " + ThreadPinner.pinCurrentThread(BenchFlags.ECHO_CPU).detail());
        }

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
        }

        @Override
        public void onMessage(Envelope envelope) {
            checksum += envelope.payload;
        }

        public long checksum() {
            return checksum;
        }
    }

    @Benchmark
    @Group("oneWay")
    @GroupThreads(1)
    public void produce(Pipe pipe, ProducerSide side, Control control) {
        Envelope m = side.message;
        for (int i = 0; i < BURST; i++) {
            m.requestId++;
            m.payload = i;
            while (pipe.fixture.out.offer(m) != SendResult.SENT) {
                if (control.stopMeasurement) {
                    return;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Benchmark
    @Group("oneWay")
    @GroupThreads(1)
    public long consume(Pipe pipe, ConsumerSide side) {
        int n = pipe.fixture.in.drain(side, BURST);
        if (n == 0) {
            Thread.onSpinWait();
        }
        side.messages += n;
        return side.checksum();
    }
}
