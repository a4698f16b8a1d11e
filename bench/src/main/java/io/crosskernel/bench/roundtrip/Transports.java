package io.crosskernel.bench.roundtrip;

import io.crosskernel.api.SystemNanoClock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The round-trip transports by name, in report order: the floor first, crosskernel last. Stateless.
 */
public final class Transports {
    /** Ring capacity of every bounded transport; at most one message is ever in flight. */
    static final int CAPACITY = 1024;

    public static final String VOLATILE = "volatile";
    public static final String JCTOOLS = "jctools";
    public static final String AGRONA = "agrona";
    public static final String DISRUPTOR = "disruptor";
    public static final String ARRAY_BLOCKING_QUEUE = "abq";
    public static final String LINKED_TRANSFER_QUEUE = "ltq";
    public static final String CROSSKERNEL = "crosskernel";
    /** Ablation only (not in {@link #ALL}): {@link PooledJctoolsTransport}. */
    public static final String JCTOOLS_POOLED = "jctools-pooled";
    /**
     * Metrics overhead only (not in {@link #ALL}): {@link #CROSSKERNEL} with both ends recording what a kernel
     * records per message (hop timestamp, message counters, hop latency histogram).
     */
    public static final String CROSSKERNEL_METERED = "crosskernel-metered";
    /** Ablation only (not in {@link #ALL}): {@link AgronaRingTransport}, copy semantics on an aligned record ring. */
    public static final String AGRONA_RING = "agrona-ring";
    /** Metrics overhead baseline (not in {@link #ALL}): {@link #CROSSKERNEL} with hop timestamps, nothing recorded. */
    public static final String CROSSKERNEL_TIMED = "crosskernel-timed";

    /** Every transport, floor first. */
    public static final List<String> ALL = List.of(VOLATILE, JCTOOLS, AGRONA, DISRUPTOR, ARRAY_BLOCKING_QUEUE,
            LINKED_TRANSFER_QUEUE, CROSSKERNEL);

    private Transports() {
    }

    /**
     * A new transport with its paths empty.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    public static PingPongTransport create(String name) {
        return factory(name).get();
    }

    private static Supplier<PingPongTransport> factory(String name) {
        switch (name) {
            case VOLATILE:
                return VolatileTransport::new;
            case JCTOOLS:
                return JctoolsTransport::new;
            case AGRONA:
                return AgronaTransport::new;
            case DISRUPTOR:
                return DisruptorTransport::new;
            case ARRAY_BLOCKING_QUEUE:
                return BlockingQueueTransport::arrayBlockingQueue;
            case LINKED_TRANSFER_QUEUE:
                return BlockingQueueTransport::linkedTransferQueue;
            case CROSSKERNEL:
                return SpscChannelTransport::new;
            case JCTOOLS_POOLED:
                return PooledJctoolsTransport::new;
            case AGRONA_RING:
                return AgronaRingTransport::new;
            case CROSSKERNEL_TIMED:
                return () -> new SpscChannelTransport(CROSSKERNEL_TIMED,
                        HopMetering.timestampsOnly(SystemNanoClock.INSTANCE),
                        HopMetering.timestampsOnly(SystemNanoClock.INSTANCE));
            case CROSSKERNEL_METERED:
                return () -> new SpscChannelTransport(CROSSKERNEL_METERED,
                        HopMetering.kernelLike(SystemNanoClock.INSTANCE),
                        HopMetering.kernelLike(SystemNanoClock.INSTANCE));
            default:
                throw new IllegalArgumentException("unknown transport '" + name + "'; known: " + ALL);
        }
    }
}
