package io.crosskernel.bench.isolation;

import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The floor of the own-JVM set-ups: the periodic task with no runtime at all. The calling thread pins itself to core
 * 1, moves this JVM's other unpinned threads to core 0 (as a crosskernel host does for a real-time kernel), then
 * takes a release every {@link IsolationBenchmark#PERIOD_NANOS}, busy-spinning on the clock up to each one and for the
 * task's cost after it, exactly the lateness and misses {@code partitioned-own-jvm} reports. Run in a JVM of its own
 * beside the same noise JVM, what it measures is what the machine (the OS, and on a VM the host) and an idle JVM
 * leave a perfect real-time kernel: the real-time kernel's figures can only be compared with it.
 *
 * <p>Releases keep their schedule: a stall makes every release it covers late, none is skipped. Nothing is allocated
 * while measuring (the histogram is sized up front).
 *
 * <p>Threading: {@link #run} measures on the calling thread, which it pins.
 */
final class BareReleaseLoop {
    /** The first release, well after the pinning and confining above. */
    private static final long FIRST_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private BareReleaseLoop() {
    }

    /**
     * @param lateness receives every measured release's lateness (ns); make it with
     *                 {@link IsolationBenchmark#newLatenessHistogram}
     */
    static IsolationBenchmark.SetupResult run(IsolationBenchmark.Settings settings, Histogram lateness) {
        PinResult pin = ThreadPinner.pinCurrentThread(1);
        CpuTopology topology = CpuTopology.detect();
        JvmThreadConfiner.Result confined = JvmThreadConfiner.confineUnpinnedThreads(topology.allowedCpus(),
                List.of(0));
        long warmupNanos = (long) (settings.warmupSeconds() * 1e9);
        long releases = (long) ((settings.warmupSeconds() + settings.seconds()) * 1e9)
                / IsolationBenchmark.PERIOD_NANOS;
        IsolationBenchmark.GcSnapshot gc = IsolationBenchmark.GcSnapshot.now();
        long misses = 0;
        long t0 = System.nanoTime() + FIRST_DELAY_NANOS;
        for (long n = 0; n < releases; n++) {
            long release = t0 + n * IsolationBenchmark.PERIOD_NANOS;
            long start;
            while ((start = System.nanoTime()) < release) {
                Thread.onSpinWait();
            }
            while (System.nanoTime() - start < IsolationBenchmark.COST_NANOS) {
                Thread.onSpinWait();
            }
            long end = System.nanoTime();
            if (release - t0 >= warmupNanos) {
                lateness.recordValue(Math.min(start - release, IsolationBenchmark.HIGHEST_TRACKABLE_NANOS));
                if (end - release > IsolationBenchmark.PERIOD_NANOS) {
                    misses++;
                }
            }
        }
        String notes = "no runtime: a busy loop on core 1 (" + (pin.pinned() ? "pinned" : "NOT pinned: "
                + pin.detail()) + "); " + confined.detail();
        return new IsolationBenchmark.SetupResult(IsolationBenchmark.FLOOR_OWN_JVM, lateness.getTotalCount(),
                lateness.getValueAtPercentile(50), lateness.getValueAtPercentile(99),
                lateness.getValueAtPercentile(99.9), lateness.getMaxValue(), misses,
                IsolationBenchmark.GcSnapshot.now().since(gc), notes);
    }
}
