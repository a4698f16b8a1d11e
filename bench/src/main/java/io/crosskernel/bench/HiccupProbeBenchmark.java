package io.crosskernel.bench;

import io.crosskernel.api.Clock;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.hiccup.HiccupMeter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the hiccup meter costs a kernel worker: {@value #CYCLES} duty cycles of the shape the host's worker runs
 * ({@code KernelWorker}: read the clock, do a little work, read the clock again, idle by spinning), with the meter fed
 * the first reading of each cycle and rebased on the second ({@code meterOn}) and without it ({@code meterOff}), in
 * the same run. Scores are per duty cycle ({@link OperationsPerInvocation}), so {@code gc.alloc.rate.norm} under
 * {@code -prof gc} is bytes per cycle: the meter's must be 0. The ratio on ÷ off is the probe's overhead on the duty
 * cycle (issue 11's target: at most 2 %).
 *
 * <p>The cycles never pause long enough to be a hiccup on a quiet core, so this is the common path: one subtraction
 * and one compare per reading. Threading: JMH runs each method on one thread with its own {@link Scope#Thread} state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK})
public class HiccupProbeBenchmark {
    /** Duty cycles per invocation. */
    public static final int CYCLES = 100;
    /** Work per duty cycle: Blackhole tokens, a few tens of nanoseconds, like a poll that found a message. */
    private static final long WORK_TOKENS = 16;

    private final Clock clock = SystemNanoClock.INSTANCE;
    private final HiccupMeter meter = new HiccupMeter();

    @Benchmark
    @OperationsPerInvocation(CYCLES)
    public long meterOff() {
        long busy = 0;
        for (int i = 0; i < CYCLES; i++) {
            long start = clock.nanoTime();
            Blackhole.consumeCPU(WORK_TOKENS);
            busy += clock.nanoTime() - start;
            Thread.onSpinWait();
        }
        return busy;
    }

    @Benchmark
    @OperationsPerInvocation(CYCLES)
    public long meterOn() {
        long busy = 0;
        final HiccupMeter meter = this.meter;
        for (int i = 0; i < CYCLES; i++) {
            long start = clock.nanoTime();
            meter.sample(start);
            Blackhole.consumeCPU(WORK_TOKENS);
            long end = clock.nanoTime();
            busy += end - start;
            meter.rebase(end);
            Thread.onSpinWait();
        }
        return busy + meter.count();
    }
}
