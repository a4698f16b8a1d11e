package io.crosskernel.kernels.common;

/**
 * The work of an {@code op: allocate} stage: {@code size} bytes of short-lived garbage, as a neighbour that loads the
 * collector does (a service that builds and drops buffers, a JSON parser). Each call allocates {@code size} bytes as
 * {@value #CHUNK_BYTES}-byte arrays and keeps the newest {@value #KEPT} of them reachable in a ring (1 MiB): the
 * arrays escape, so the JIT cannot elide them, and a young collection finds some live data to copy, as it would in a
 * real service. A workload of rate R with {@code size: S} allocates R × S bytes a second.
 *
 * <p>Threading: one per worker, used only on that worker's thread. Allocates on purpose: this is the op's job.
 */
public final class Garbage {
    /** The size of each array. */
    static final int CHUNK_BYTES = 1024;
    /** Arrays kept reachable: a power of two. */
    static final int KEPT = 1024;

    private final byte[][] kept = new byte[KEPT][];
    private int next;

    /** Allocates {@code bytes} (rounded up to whole arrays; nothing for 0). */
    public void allocate(long bytes) {
        for (long done = 0; done < bytes; done += CHUNK_BYTES) {
            byte[] chunk = new byte[CHUNK_BYTES];
            chunk[0] = (byte) done; // touched, as a real buffer would be
            kept[next] = chunk;
            next = (next + 1) & (KEPT - 1);
        }
    }

    /** Arrays allocated so far, modulo the ring: for tests. */
    int next() {
        return next;
    }
}
