package io.crosskernel.hypervisor.sim;

/**
 * The engine's run order: an indexed binary min-heap of the workers {@code 0..n-1}, ordered by (start time, worker
 * index), so that the next duty cycle is found in O(1) and a worker whose start moves is re-placed in O(log n).
 *
 * <p>The order is total: two workers with the same start are ordered by index, the lower first, which is the order
 * the engine's earlier linear scan produced; the heap changes the cost of finding the next worker, never which worker
 * that is.
 *
 * <p>Why hand-written: the engine changes a worker's key in both directions (a message wakes it earlier, a duty cycle
 * moves it later) several times per event. {@link java.util.PriorityQueue} has no change-key (remove is O(n)) and
 * boxes its entries; Agrona and JCTools have no priority queue. Here every worker is always in the heap (a sleeping
 * worker has the key {@link Long#MAX_VALUE}), so the heap is three preallocated arrays and never allocates.
 *
 * <p>Threading: the engine's thread only.
 */
final class WorkerHeap {
    /** The key of a worker that has nothing scheduled. */
    static final long NEVER = Long.MAX_VALUE;

    /** Per worker: its start time (the key). */
    private final long[] key;
    /** Heap slot to worker. */
    private final int[] heap;
    /** Worker to heap slot. */
    private final int[] slot;

    /** Every worker, all with the key {@link #NEVER} (in index order, which is a valid heap). */
    WorkerHeap(int workers) {
        this.key = new long[workers];
        this.heap = new int[workers];
        this.slot = new int[workers];
        for (int w = 0; w < workers; w++) {
            key[w] = NEVER;
            heap[w] = w;
            slot[w] = w;
        }
    }

    /** The worker that runs next (the least start, then the least index); -1 when there are no workers. */
    int first() {
        return heap.length == 0 ? -1 : heap[0];
    }

    /** The start time of worker {@code w}. */
    long key(int w) {
        return key[w];
    }

    /** Sets worker {@code w}'s start to {@code start} and moves it to its place: O(log n). */
    void update(int w, long start) {
        long old = key[w];
        if (start == old) {
            return;
        }
        key[w] = start;
        if (start < old) {
            siftUp(slot[w]);
        } else {
            siftDown(slot[w]);
        }
    }

    private boolean before(int a, int b) {
        long ka = key[a];
        long kb = key[b];
        return ka < kb || (ka == kb && a < b);
    }

    private void siftUp(int i) {
        int w = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!before(w, p)) {
                break;
            }
            place(p, i);
            i = parent;
        }
        place(w, i);
    }

    private void siftDown(int i) {
        int w = heap[i];
        int n = heap.length;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            int c = heap[child];
            int right = child + 1;
            if (right < n && before(heap[right], c)) {
                child = right;
                c = heap[right];
            }
            if (!before(c, w)) {
                break;
            }
            place(c, i);
            i = child;
        }
        place(w, i);
    }

    private void place(int w, int i) {
        heap[i] = w;
        slot[w] = i;
    }
}
