package io.crosskernel.bench;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.EnvelopeHandler;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import org.jctools.queues.MessagePassingQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * The two ends of a one-way (producer to consumer) throughput benchmark as JMH thread states: the producer pinned to
 * CPU {@value BenchFlags#MEASURE_CPU} with the envelope it sends, the consumer pinned to CPU
 * {@value BenchFlags#ECHO_CPU} with its drain callbacks and the {@code messages} counter JMH reports as a rate.
 * Stateless holder.
 */
public final class OneWaySides {
    private OneWaySides() {
    }

    /**
     * Offers {@code message} on the producer's thread until the channel takes it, spinning while it is full.
     *
     * @return false when JMH ended the measurement first (the consumer may already have stopped draining)
     */
    public static boolean send(OutboundChannel out, Envelope message, Control control) {
        while (out.offer(message) != SendResult.SENT) {
            if (control.stopMeasurement) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /**
     * Counts one drain call's {@code drained} messages on the consumer's thread, spinning once when it found none. A
     * static method here, not one on {@link ConsumerSide}: JMH would take a public method of an {@code @AuxCounters}
     * state for a counter.
     *
     * @return the checksum, for the benchmark method to return so the handlers' reads stay alive
     */
    public static long received(ConsumerSide side, int drained) {
        if (drained == 0) {
            Thread.onSpinWait();
        }
        side.messages += drained;
        return side.checksum;
    }

    /**
     * The consumer's drain callback that reads all seven fields of each envelope, as a channel's drain does when it
     * copies a record out. Static for the same reason as {@link #received}.
     */
    public static MessagePassingQueue.Consumer<Envelope> wholeEnvelopeReader(ConsumerSide side) {
        return side.wholeEnvelopeReader;
    }

    /** Producer thread's state: its pinning and the envelope it sends. Owned by the producer thread. */
    @State(Scope.Thread)
    public static class ProducerSide {
        /** The envelope the producer fills and offers; the channel copies it or the queue passes it on. */
        public final Envelope message = new Envelope();
        /** Messages offered so far, where a benchmark needs to count them (which envelope of a ring is next). */
        public long sent;

        @Setup(Level.Trial)
        public void pin() {
            System.out.println("pinning: producer " + ThreadPinner.pinCurrentThread(BenchFlags.MEASURE_CPU).detail());
        }
    }

    /**
     * Consumer thread's state: its pinning, its drain callbacks and the message counter JMH reports. Owned by the
     * consumer thread; JMH reads {@link #messages} after each iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ConsumerSide implements EnvelopeHandler, MessagePassingQueue.Consumer<Envelope> {
        /** Messages received in this iteration: JMH reports it as a rate. */
        public long messages;
        private long checksum;
        /** Reads every field of each envelope, as a channel's drain does when it copies a record out. */
        private final MessagePassingQueue.Consumer<Envelope> wholeEnvelopeReader = e -> checksum += e.requestId
                ^ e.traceId ^ e.originNanos ^ e.sentNanos ^ e.payload ^ e.routeId ^ e.stage;

        @Setup(Level.Trial)
        public void pin() {
            System.out.println("pinning: consumer " + ThreadPinner.pinCurrentThread(BenchFlags.ECHO_CPU).detail());
        }

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
        }

        @Override
        public void onMessage(Envelope envelope) {
            checksum += envelope.payload;
        }

        @Override
        public void accept(Envelope envelope) {
            checksum += envelope.payload;
        }

        /** Keeps the handlers' reads alive. */
        public long checksum() {
            return checksum;
        }
    }
}
