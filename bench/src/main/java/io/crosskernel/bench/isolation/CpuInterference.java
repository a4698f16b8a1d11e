package io.crosskernel.bench.isolation;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU-heavy interference for the thread-pool set-up: one daemon thread that runs a Poisson stream of busy-spin tasks
 * ({@code rate} per second, {@code costNanos} each), the same load the crosskernel set-ups declare as a
 * {@code stream} workload. Between arrivals it parks, like a pool thread with nothing to do; when it falls behind it
 * runs the backlog back to back.
 *
 * <p>Threading: {@link #start} and {@link #close} by the owner; the loop on its own thread.
 */
final class CpuInterference implements AutoCloseable {
    private static final long SPIN_BELOW_NANOS = 50_000;

    private final Thread thread;
    private volatile boolean running = true;

    private CpuInterference(double ratePerSecond, long costNanos, long seed) {
        thread = new Thread(() -> loop(ratePerSecond, costNanos, seed), "interference-cpu");
        thread.setDaemon(true);
    }

    static CpuInterference start(double ratePerSecond, long costNanos, long seed) {
        CpuInterference c = new CpuInterference(ratePerSecond, costNanos, seed);
        c.thread.start();
        return c;
    }

    private void loop(double ratePerSecond, long costNanos, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double meanGapNanos = 1e9 / ratePerSecond;
        long next = System.nanoTime();
        while (running) {
            next += (long) (-Math.log(1.0 - random.nextDouble()) * meanGapNanos);
            long wait;
            while ((wait = next - System.nanoTime()) > 0 && running) {
                if (wait > SPIN_BELOW_NANOS) {
                    LockSupport.parkNanos(wait - SPIN_BELOW_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < costNanos) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
