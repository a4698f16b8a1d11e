package io.crosskernel.bench.roundtrip;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.metrics.WorkerMetrics;
import java.util.List;

/**
 * What one end of a round trip records per message, for measuring what metrics cost: nothing ({@link #NONE}), the
 * hop timestamps alone ({@link #timestampsOnly}), or what a kernel worker records ({@link #kernelLike}): the hop
 * timestamp on send, and on receipt the message counters and the hop latency into an HdrHistogram recorder.
 *
 * <p>Threading: each instance belongs to one thread (the single writer of its {@link WorkerMetrics}).
 */
abstract class HopMetering {
    /** Records nothing and reads no clock: the bare channel. */
    static final HopMetering NONE = new HopMetering() {
        @Override
        void beforeSend(Envelope envelope) {
        }

        @Override
        void afterReceive(long sentNanos) {
        }
    };

    /** Stamps {@code envelope} (and counts it) just before it is offered. */
    abstract void beforeSend(Envelope envelope);

    /** Counts a received message and records its hop latency; {@code sentNanos} is the sender's stamp. */
    abstract void afterReceive(long sentNanos);

    /**
     * The hop timestamps alone: stamped on send, read back on receipt, nothing recorded. Kernels read the clock per
     * message whether or not anything is recorded (scheduling, deadlines and the envelope's hop stamp need it), so
     * this, not {@link #NONE}, is the baseline that isolates what recording metrics costs.
     */
    static HopMetering timestampsOnly(Clock clock) {
        return new TimestampsOnly(clock);
    }

    /** A worker's metrics, written as a kernel's dispatcher writes them per message. */
    static HopMetering kernelLike(Clock clock) {
        return new KernelLike(clock, new WorkerMetrics(List.of(), 0));
    }

    private static final class TimestampsOnly extends HopMetering {
        private final Clock clock;
        /**
         * Written so the JIT cannot drop the clock read; nobody reads it. The middle of a 16-long array, so the
         * measuring side's and the echo side's instances (allocated next to each other) never share a cache line.
         */
        private final long[] sink = new long[16];

        TimestampsOnly(Clock clock) {
            this.clock = clock;
        }

        @Override
        void beforeSend(Envelope envelope) {
            envelope.sentNanos = clock.nanoTime();
        }

        @Override
        void afterReceive(long sentNanos) {
            sink[8] = clock.nanoTime() - sentNanos;
        }
    }

    private static final class KernelLike extends HopMetering {
        private final Clock clock;
        private final WorkerMetrics metrics;

        KernelLike(Clock clock, WorkerMetrics metrics) {
            this.clock = clock;
            this.metrics = metrics;
        }

        @Override
        void beforeSend(Envelope envelope) {
            envelope.sentNanos = clock.nanoTime();
            metrics.messagesOut.increment();
        }

        @Override
        void afterReceive(long sentNanos) {
            long now = clock.nanoTime();
            metrics.messagesIn.increment();
            metrics.tasksCompleted.increment();
            metrics.taskLatency.record(now - sentNanos);
        }
    }
}
