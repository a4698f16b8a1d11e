package io.crosskernel.bench.roundtrip;

import io.crosskernel.bench.BenchFlags;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/**
 * Cross-core round trip: the JMH thread (pinned to CPU {@value BenchFlags#MEASURE_CPU}) sends a value and waits for
 * it to come back from an {@link EchoThread} pinned to CPU {@value BenchFlags#ECHO_CPU}. One benchmark operation is
 * one round trip; {@link Mode#SampleTime} gives its distribution. Run all {@code transport} values in one invocation
 * and compare each to {@code volatile}, the floor of the same run.
 *
 * <p>The same benchmark measures what metrics cost when given the ablation transports
 * ({@code -p transport=crosskernel,crosskernel-timed,crosskernel-metered}, see {@link HopMetering}): metered over timed
 * is the cost of recording what a kernel records per message.
 *
 * <p>Pinning is reported on standard output ({@code pinning: …}) at the start of each trial; an unpinned run is
 * still measured but its numbers include OS migration and sharing.
 *
 * <p>Threading: one JMH benchmark thread per fork ({@link Scope#Thread} state) plus the echo thread it owns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK})
public class RoundTripBenchmark {
    @Param({Transports.VOLATILE, Transports.JCTOOLS, Transports.AGRONA, Transports.DISRUPTOR,
            Transports.ARRAY_BLOCKING_QUEUE, Transports.LINKED_TRANSFER_QUEUE, Transports.CROSSKERNEL})
    public String transport;

    private PingPongTransport pingPong;
    private EchoThread echo;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
        ThreadPinner.warmUp();
        PinResult measure = ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU);
        pingPong = Transports.create(transport);
        echo = EchoThread.start(pingPong, BenchFlags.ECHO_CPU);
        System.out.println("pinning: measuring thread " + measure.detail() + "; echo thread " + echo.pin().detail());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        echo.close();
    }

    /** One round trip. */
    @Benchmark
    public long roundTrip() {
        return pingPong.roundTrip(++counter);
    }
}
