package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.idle.BusySpinIdleStrategy;
import io.crosskernel.api.metrics.WorkerMetrics;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What the worker's duty loop hands its hiccup meter around a busy duty cycle: a kernel that meters its work has a
 * pause at the end of a busy cycle (after its last metered reading) counted as a hiccup; a kernel doing real work
 * there has that time left alone. The loop runs on the test thread with a {@link ManualClock}; the kernel stops it.
 */
class KernelWorkerHiccupTest {
    private static final long START = 1_000_000_000L;
    private static final long PAUSE = 3_000_000;

    /**
     * Three duty cycles: an idle one, a busy one whose bookkeeping after its last reading takes {@link #PAUSE}
     * (the clock moves on between that reading and the worker's end-of-cycle reading), and an idle one that stops
     * the worker.
     */
    private static final class PausingKernel implements Kernel {
        private final ManualClock clock;
        private final boolean meters;
        private KernelWorker worker;
        private int cycles;

        PausingKernel(ManualClock clock, boolean meters) {
            this.clock = clock;
            this.meters = meters;
        }

        @Override
        public void onBoot(KernelContext context) {
        }

        @Override
        public int doWork(int w) {
            cycles++;
            clock.advance(1_000);
            if (cycles == 2) {
                clock.advance(PAUSE);
                return 1;
            }
            if (cycles == 3) {
                worker.stop();
            }
            return 0;
        }

        @Override
        public boolean metersItsWork() {
            return meters;
        }
    }

    private static WorkerMetrics run(boolean meters) {
        ManualClock clock = new ManualClock(START);
        PausingKernel kernel = new PausingKernel(clock, meters);
        WorkerMetrics metrics = new WorkerMetrics(List.of(), 0);
        KernelWorker worker = new KernelWorker(kernel, "k", 0, 0, false, null, BusySpinIdleStrategy.INSTANCE, clock,
                metrics, new TaskErrorLog(() -> { }), new CountDownLatch(1));
        kernel.worker = worker;
        worker.run();
        assertThat(kernel.cycles).isEqualTo(3);
        return metrics;
    }

    @Test
    void aPauseAfterTheLastReadingOfABusyCycleIsAHiccupForAKernelThatMetersItsWork() {
        WorkerMetrics metrics = run(true);

        assertThat(metrics.hiccups.count()).isEqualTo(1);
        assertThat(metrics.hiccups.lostNanos()).isGreaterThanOrEqualTo(PAUSE);
    }

    @Test
    void theSameTimeIsTheKernelsOwnWorkWhenItDoesNotMeterIt() {
        WorkerMetrics metrics = run(false);

        assertThat(metrics.hiccups.count()).isZero();
    }
}
