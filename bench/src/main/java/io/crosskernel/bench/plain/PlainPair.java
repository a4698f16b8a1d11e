package io.crosskernel.bench.plain;

import org.HdrHistogram.Histogram;

/**
 * One transport of the plain round trip ({@link PlainRoundTrip}): the pinger's loop and the echoer's loop, written
 * out in each transport's class so that each loop is compiled against one transport only (in one JVM a shared loop
 * calling through this class would be megamorphic, which costs every transport a few nanoseconds and is not what an
 * embedding user's code looks like).
 *
 * <p>Both loops spin without {@code Thread.onSpinWait()}: one message in flight, both sides busy-polling, as the
 * issue's harness drives them. The pinger checks that every reply carries the value it sent, in order, and throws
 * {@link IllegalStateException} otherwise. Whatever either side writes per message it allocates in its own thread
 * (its own TLAB), before its loop starts, so that the harness puts no object one side writes next to one the other
 * side reads.
 *
 * <p>Threading: {@link #ping} on the measuring thread only, {@link #echo} on the echo thread only, one call of each
 * per segment, each side's calls one after another; {@link #abandon()} from any thread.
 */
abstract class PlainPair {
    private final String name;
    /** Set when the pinger gave up: tells an echoer still spinning for a message that none will come. */
    private volatile boolean abandoned;

    PlainPair(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    /**
     * Measuring thread: {@code warmup + measured} round trips carrying the values {@code first, first + 1, ...}, each
     * timed with {@code System.nanoTime()}, the last {@code measured} recorded into {@code histogram}. Allocates
     * nothing once its own objects exist (before the warm-up).
     *
     * @throws IllegalStateException if a reply does not carry the value just sent
     */
    abstract void ping(long first, int warmup, int measured, Histogram histogram);

    /**
     * Echo thread: answers exactly {@code count} pings, then returns; returns early (having answered fewer) only
     * once {@link #abandon()} was called.
     */
    abstract void echo(int count);

    /**
     * Measuring thread, after the pair's last segment: releases what the pair holds beyond the heap (mapped files, a
     * process). Nothing for the pairs that live in memory.
     */
    void close() {
    }

    /** Any thread: the pinger stopped early (it failed); an echoer waiting for a ping returns. */
    final void abandon() {
        abandoned = true;
    }

    /** Echo thread, only while it finds nothing to answer: a volatile load of a line nobody writes, an L1 hit. */
    final boolean abandoned() {
        return abandoned;
    }

    /** Measuring thread: the check every transport makes on every reply. */
    static void checkReply(String transport, long sent, long received) {
        if (received != sent) {
            throw new IllegalStateException(transport + ": sent " + sent + " but the reply carried " + received
                    + " (out of order or lost)");
        }
    }

    /** Measuring thread: records one round trip; a value beyond the histogram's range counts as its highest. */
    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(nanos, histogram.getHighestTrackableValue()));
    }
}
