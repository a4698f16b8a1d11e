package io.crosskernel.bench.isolation;

import io.crosskernel.hypervisor.affinity.ThreadPinner;

/**
 * Allocation-heavy interference: a daemon thread that allocates 1 KiB arrays without pause, keeping the last
 * {@value #RETAINED} alive in a ring (about 32 MiB), so young collections run continuously and have survivors to copy.
 * GC pauses stop every thread of the JVM, pinned or not: this is the interference a partition cannot keep out.
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the owning thread; the loop runs on its own thread.
 */
final class AllocationInterference implements AutoCloseable {
    static final int RETAINED = 32 * 1024;
    private static final int SIZE = 1024;

    private final Thread thread;
    private volatile boolean running = true;
    /** Written by the loop; read after {@link #close} joined it. */
    private long allocated;

    private AllocationInterference(int cpu) {
        thread = new Thread(() -> loop(cpu), "interference-alloc");
        thread.setDaemon(true);
    }

    /** @param cpu the CPU to pin to, or -1 to leave the thread to the OS scheduler */
    static AllocationInterference start(int cpu) {
        AllocationInterference a = new AllocationInterference(cpu);
        a.thread.start();
        return a;
    }

    private void loop(int cpu) {
        if (cpu >= 0) {
            ThreadPinner.pinCurrentThread(cpu);
        }
        byte[][] ring = new byte[RETAINED][];
        long n = 0;
        while (running) {
            byte[] garbage = new byte[SIZE];
            garbage[(int) (n & (SIZE - 1))] = (byte) n;
            ring[(int) (n % RETAINED)] = garbage;
            n++;
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
