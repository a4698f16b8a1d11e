package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.metrics.SingleWriterCounter;

/**
 * What a channel's {@link SendingEnd} and {@link ReceivingEnd} share: the two kernels' ids and a count of messages
 * kept by the end's one thread, apart from the channel's ring.
 *
 * <p>Layout: the end starts behind {@link CacheLinePadding}, and its counter is allocated in the constructor, right
 * behind it, so the counter shares lines only with its own end: the sender's count is written on the producer's
 * lines, the receiver's on the consumer's, and counting adds no line the other thread reads.
 *
 * <p>Threading: {@link #count()} from any thread; the counter is written by the end's thread only.
 */
abstract class CountingEnd extends CacheLinePadding {
    private final int fromKernel;
    private final int toKernel;
    /** Written by the end's thread only (release stores); read by the host. */
    final SingleWriterCounter counted = new SingleWriterCounter();
    /**
     * Allocated right behind the counter, never read: it keeps whatever is allocated after this end (another thread's
     * handler, say) off the line of the counter and of the end's own per-call fields, which this end's thread writes
     * on every message. Without it the round trip measured 1.40x the volatile floor instead of 1.07x
     * (docs/BENCHMARKS.md, "Channel accounting cost").
     */
    @SuppressWarnings({"unused", "UnusedVariable"})
    private final long[] trailingPadding = new long[8];

    CountingEnd(int fromKernel, int toKernel) {
        this.fromKernel = fromKernel;
        this.toKernel = toKernel;
    }

    /** Id of the sending kernel. */
    public int fromKernel() {
        return fromKernel;
    }

    /** Id of the receiving kernel. */
    public int toKernel() {
        return toKernel;
    }

    /**
     * Any thread: messages counted so far (an opaque load). Exact once the end's thread has stopped (its join is the
     * happens-before edge); while it runs, a value the end stored not long ago.
     */
    long count() {
        return counted.getOpaque();
    }
}
