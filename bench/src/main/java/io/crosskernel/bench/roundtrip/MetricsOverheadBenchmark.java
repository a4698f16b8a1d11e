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
 * What recording metrics costs a message, three ways in one invocation: the crosskernel channel round trip bare
 * ({@code crosskernel}); with the hop timestamps kernels stamp anyway ({@code crosskernel-timed}: two clock reads per
 * one-way hop, nothing recorded); and with both ends recording what a kernel records per message
 * ({@code crosskernel-metered}: the same timestamps plus three counter writes and one HdrHistogram record per hop).
 * metered / timed is the cost of recording metrics; metered / bare adds the clock reads. Use {@code -prof gc} for
 * B/op (read it from the {@code avgt} rows: sample mode allocates its own sample buffers).
 *
 * <p>Threading: as {@link RoundTripBenchmark}: the JMH thread pinned to CPU {@value BenchFlags#MEASURE_CPU}, its echo
 * thread to CPU {@value BenchFlags#ECHO_CPU}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK, BenchFlags.AGRONA_EXPORTS})
public class MetricsOverheadBenchmark {
    @Param({Transports.CROSSKERNEL, Transports.CROSSKERNEL_TIMED, Transports.CROSSKERNEL_METERED})
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
