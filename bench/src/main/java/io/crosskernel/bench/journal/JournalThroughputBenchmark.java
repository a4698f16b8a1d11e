package io.crosskernel.bench.journal;

import io.crosskernel.api.Envelope;
import io.crosskernel.bench.BenchFlags;
import io.crosskernel.bench.OneWaySides;
import io.crosskernel.bench.OneWaySides.ConsumerSide;
import io.crosskernel.bench.OneWaySides.ProducerSide;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
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
public class JournalThroughputBenchmark extends JournalBenchmarkJvm {
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

    @Benchmark
    @Group("oneWay")
    @GroupThreads(1)
    public void produce(Pipe pipe, ProducerSide side, Control control) {
        Envelope m = side.message;
        for (int i = 0; i < BURST; i++) {
            m.requestId++;
            m.payload = i;
            if (!OneWaySides.send(pipe.fixture.out, m, control)) {
                return;
            }
        }
    }

    @Benchmark
    @Group("oneWay")
    @GroupThreads(1)
    public long consume(Pipe pipe, ConsumerSide side) {
        return OneWaySides.received(side, pipe.fixture.in.drain(side, BURST));
    }
}
