package io.crosskernel.bench.isolation;

import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.concurrent.locks.LockSupport;

/**
 * Allocation-heavy interference: a daemon thread that allocates 1 KiB arrays at a fixed rate ({@value #CHUNK} of
 * them, 1 MiB, per chunk period; {@value #DEFAULT_MIB_PER_SECOND} MiB/s by default), keeping the last
 * {@value #RETAINED} alive in a ring
 * (about 32 MiB), so young collections run all the time and have survivors to copy. The rate is fixed, not "as fast
 * as it can", so every set-up gets the same GC pressure whatever CPU share the thread gets.
 * GC pauses stop every thread of the JVM, pinned or not: this is the interference a partition cannot keep out.
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the owning thread; the loop runs on its own thread.
 */
final class AllocationInterference implements AutoCloseable {
    static final int RETAINED = 32 * 1024;
    private static final int SIZE = 1024;
    static final int CHUNK = 1024;
    static final int DEFAULT_MIB_PER_SECOND = 400;

    private final Thread thread;
    private volatile boolean running = true;
    /** Written by the loop; read after {@link #close} joined it. */
    private long allocated;

    private AllocationInterference(int cpu, long chunkPeriodNanos) {
        thread = new Thread(() -> loop(cpu, chunkPeriodNanos), "interference-alloc");
        thread.setDaemon(true);
    }

    /**
     * @param cpu            the CPU to pin to, or -1 to leave the thread to the OS scheduler
     * @param mibPerSecond   the allocation rate; 0 or less starts nothing and returns null (try-with-resources skips
     *                       a null resource)
     */
    static AllocationInterference start(int cpu, double mibPerSecond) {
        if (mibPerSecond <= 0) {
            return null;
        }
        AllocationInterference a = new AllocationInterference(cpu, (long) (1e9 / mibPerSecond));
        a.thread.start();
        return a;
    }

    private void loop(int cpu, long chunkPeriodNanos) {
        if (cpu >= 0) {
            ThreadPinner.pinCurrentThread(cpu);
        }
        byte[][] ring = new byte[RETAINED][];
        long n = 0;
        long next = System.nanoTime();
        while (running) {
            for (int i = 0; i < CHUNK; i++) {
                byte[] garbage = new byte[SIZE];
                garbage[(int) (n & (SIZE - 1))] = (byte) n;
                ring[(int) (n % RETAINED)] = garbage;
                n++;
            }
            next += chunkPeriodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        allocated = n * SIZE;
    }

    /** Bytes allocated (arrays only); valid after {@link #close}. */
    long allocatedBytes() {
        return allocated;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
