package io.crosskernel.bench.roundtrip;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Ablation (not in {@link Transports#ALL}): what a channel with crosskernel's copy semantics would cost on Agrona's
 * {@link OneToOneRingBuffer}, where each message is a record in a cache-line-aligned off-heap ring and the record's
 * own header is its publication flag, so a message moves one cache line and no separate sequence line. Each record
 * carries the seven envelope fields (56 bytes) behind Agrona's 8-byte header: 64 bytes, one line. Sends use
 * claim/commit (written in place), receives read the fields in place.
 *
 * <p>Threading: see {@link PingPongTransport}; each ring has one producer and one consumer. Needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on Java 17 (Agrona).
 */
public final class AgronaRingTransport extends PingPongTransport {
    private static final int MESSAGE_TYPE = 1;
    /** requestId, traceId, routeId and stage (two ints in one long slot), originNanos, sentNanos, payload. */
    private static final int FIELDS_LENGTH = 6 * Long.BYTES + Long.BYTES;
    private static final int PAYLOAD_OFFSET = 6 * Long.BYTES;

    private final RingBuffer ping = ring();
    private final RingBuffer pong = ring();
    private final ValueHandler replies = new ValueHandler();
    /** Keeps the reply the measuring thread writes off the line of the handler the echo thread reads (allocation order). */
    @SuppressWarnings("unused")
    private final long[] spacer = new long[16];
    private final EchoHandler echo = new EchoHandler(pong);

    public AgronaRingTransport() {
        super(Transports.AGRONA_RING);
    }

    private static RingBuffer ring() {
        int bytes = Transports.CAPACITY * 64 + RingBufferDescriptor.TRAILER_LENGTH;
        return new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(bytes, 64)));
    }

    @Override
    public long roundTrip(long value) {
        send(ping, value);
        ValueHandler h = replies;
        while (pong.read(h, 1) == 0) {
            Thread.onSpinWait();
        }
        return h.value;
    }

    @Override
    public boolean echoOnce() {
        if (ping.read(echo, 16) == 0) {
            Thread.onSpinWait();
            return false;
        }
        return true;
    }

    /** Claims a record, writes every envelope field in place (as a channel's copy would), commits. */
    static void send(RingBuffer ring, long payload) {
        int index;
        while ((index = ring.tryClaim(MESSAGE_TYPE, FIELDS_LENGTH)) <= 0) {
            Thread.onSpinWait();
        }
        MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, payload);
        buffer.putLong(index + Long.BYTES, payload);
        buffer.putLong(index + 2 * Long.BYTES, 0L);
        buffer.putLong(index + 3 * Long.BYTES, 0L);
        buffer.putLong(index + 4 * Long.BYTES, 0L);
        buffer.putLong(index + 5 * Long.BYTES, 0L);
        buffer.putLong(index + PAYLOAD_OFFSET, payload);
        ring.commit(index);
    }

    /** Measuring thread: keeps the echoed payload. */
    private static final class ValueHandler implements MessageHandler {
        long value;

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            value = buffer.getLong(index + PAYLOAD_OFFSET);
        }
    }

    /** Echo thread: sends each record's payload back. */
    private static final class EchoHandler implements MessageHandler {
        private final RingBuffer pong;

        EchoHandler(RingBuffer pong) {
            this.pong = pong;
        }

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            send(pong, buffer.getLong(index + PAYLOAD_OFFSET));
        }
    }
}
