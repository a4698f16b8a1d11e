package io.crosskernel.bench.process;

import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The floor of {@link IsolationScenario}: the control loop of {@code examples/isolated.yaml} (a release every 1 ms, a
 * 50 µs busy spin) with no runtime at all, in a JVM of its own started beside the neighbour. Its main thread pins
 * itself to core 1 and moves this JVM's other threads to core 0 (as the host does for a realtime kernel), busy-spins
 * on the clock to each release and for the cost after it, and prints the release lateness p50 and p99 in nanoseconds
 * of the releases after the warm-up, on one line: {@code floor <p50> <p99> <releases>}. Releases keep their schedule:
 * a stall makes every release it covers late. Nothing is allocated while measuring.
 *
 * <p>Arguments: warm-up and measured seconds (decimals). Threading: the main thread only.
 */
public final class ReleaseFloor {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long COST_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private ReleaseFloor() {
    }

    public static void main(String[] args) {
        double warmup = Double.parseDouble(args[0]);
        double seconds = Double.parseDouble(args[1]);
        ThreadPinner.pinCurrentThread(1);
        JvmThreadConfiner.confineUnpinnedThreads(CpuTopology.detect().allowedCpus(), List.of(0));
        Histogram lateness = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long warmupNanos = (long) (warmup * 1e9);
        long releases = (long) ((warmup + seconds) * 1e9) / PERIOD_NANOS;
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (long n = 0; n < releases; n++) {
            long release = t0 + n * PERIOD_NANOS;
            long start;
            while ((start = System.nanoTime()) < release) {
                Thread.onSpinWait();
            }
            while (System.nanoTime() - start < COST_NANOS) {
                Thread.onSpinWait();
            }
            if (release - t0 >= warmupNanos) {
                lateness.recordValue(Math.min(start - release, lateness.getHighestTrackableValue()));
            }
        }
        System.out.println("floor " + lateness.getValueAtPercentile(50) + " " + lateness.getValueAtPercentile(99)
                + " " + lateness.getTotalCount());
    }
}
