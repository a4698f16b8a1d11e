package io.crosskernel.kernels.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Splits one TCP byte stream into length-prefixed frames: {@code [length: 4 bytes, big-endian][request id: 8 bytes]
 * [payload: length - 8 bytes]}, with {@code 8 <= length <= maxFrameLength}.
 *
 * <p>Bytes go into one preallocated direct buffer (read straight from the socket with {@link #readFrom}, or copied
 * with {@link #append}); {@link #decode} hands every complete frame to a {@link FrameHandler} and keeps a trailing
 * partial frame for the next read, so frames split across reads and several frames per read both decode. A partial
 * frame is moved to the front of the buffer only when it would not otherwise fit, so most reads copy nothing.
 *
 * <p>A length prefix outside {@code [8, maxFrameLength]} makes the decoder {@link #failed() failed}: the stream can no
 * longer be trusted, and the connection must be closed. It then decodes nothing more.
 *
 * <p>Threading: single-threaded; owned by the thread that polls its connection. Never allocates after construction.
 */
public final class FrameDecoder {
    /** Bytes of the length prefix. */
    public static final int LENGTH_PREFIX_BYTES = 4;
    /** Bytes of the request id that starts every frame body. */
    public static final int REQUEST_ID_BYTES = 8;

    /** Receives decoded frames. Called on the decoding thread; must not keep references (there are none to keep). */
    @FunctionalInterface
    public interface FrameHandler {
        /** See {@link RequestSink#offer} for the meaning of {@code payloadLength} and {@code payloadHead}. */
        void onFrame(long requestId, int payloadLength, long payloadHead);
    }

    private final int maxFrameLength;
    /** Write mode: bytes {@code [readIndex, position)} are received but not yet decoded. */
    private final ByteBuffer buffer;
    private int readIndex;
    private boolean failed;
    private int offendingLength;

    /**
     * @param maxFrameLength largest accepted length prefix, at least 8
     * @param bufferBytes    buffer size, at least {@code 4 + maxFrameLength}
     */
    public FrameDecoder(int maxFrameLength, int bufferBytes) {
        if (maxFrameLength < REQUEST_ID_BYTES) {
            throw new IllegalArgumentException("maxFrameLength must be at least 8, got " + maxFrameLength);
        }
        if ((long) bufferBytes < (long) LENGTH_PREFIX_BYTES + maxFrameLength) {
            throw new IllegalArgumentException("bufferBytes " + bufferBytes + " < 4 + maxFrameLength " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
    }

    /**
     * Reads once from {@code channel} into the free end of the buffer. Call only when {@link #hasCompleteFrame()} is
     * false: then there is always at least one free byte.
     *
     * @return bytes read, or -1 at end of stream
     */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        return channel.read(buffer);
    }

    /** Copies as many bytes of {@code source} as fit; returns how many. For tests and non-socket sources. */
    public int append(ByteBuffer source) {
        int count = Math.min(source.remaining(), buffer.remaining());
        int sourceLimit = source.limit();
        source.limit(source.position() + count);
        buffer.put(source);
        source.limit(sourceLimit);
        return count;
    }

    /**
     * Decodes up to {@code maxFrames} complete frames, oldest first, handing each to {@code handler}. Stops at a
     * partial frame, at {@code maxFrames} (the rest stays buffered: see {@link #hasCompleteFrame()}), or at a length
     * prefix out of range (then {@link #failed()} becomes true).
     *
     * @return the number of frames handed to {@code handler}
     */
    public int decode(FrameHandler handler, int maxFrames) {
        if (failed) {
            return 0;
        }
        int frames = 0;
        int end = buffer.position();
        while (frames < maxFrames) {
            int available = end - readIndex;
            if (available < LENGTH_PREFIX_BYTES) {
                break;
            }
            int length = buffer.getInt(readIndex);
            if (length < REQUEST_ID_BYTES || length > maxFrameLength) {
                failed = true;
                offendingLength = length;
                return frames;
            }
            if (available < LENGTH_PREFIX_BYTES + length) {
                break;
            }
            int body = readIndex + LENGTH_PREFIX_BYTES;
            long requestId = buffer.getLong(body);
            int payloadLength = length - REQUEST_ID_BYTES;
            long payloadHead = Payloads.head(buffer, body + REQUEST_ID_BYTES, payloadLength);
            readIndex = body + length;
            frames++;
            handler.onFrame(requestId, payloadLength, payloadHead);
        }
        makeRoom();
        return frames;
    }

    /** After a decode: rewinds an emptied buffer, or moves a partial frame to the front if its end would not fit. */
    private void makeRoom() {
        int end = buffer.position();
        if (readIndex == end) {
            buffer.clear();
            readIndex = 0;
            return;
        }
        int available = end - readIndex;
        int needed = LENGTH_PREFIX_BYTES;
        if (available >= LENGTH_PREFIX_BYTES) {
            int length = buffer.getInt(readIndex);
            if (length < REQUEST_ID_BYTES || length > maxFrameLength || available >= LENGTH_PREFIX_BYTES + length) {
                return; // complete (or invalid) frame left for the next decode: no read will happen before it
            }
            needed = LENGTH_PREFIX_BYTES + length;
        }
        if (readIndex + needed > buffer.capacity()) {
            buffer.limit(end).position(readIndex);
            buffer.compact();
            readIndex = 0;
        }
    }

    /**
     * True when a complete frame (or an invalid length prefix, which the next {@link #decode} reports) is buffered:
     * the caller must decode before reading again.
     */
    public boolean hasCompleteFrame() {
        if (failed) {
            return false;
        }
        int available = buffer.position() - readIndex;
        if (available < LENGTH_PREFIX_BYTES) {
            return false;
        }
        int length = buffer.getInt(readIndex);
        return length < REQUEST_ID_BYTES || length > maxFrameLength || available >= LENGTH_PREFIX_BYTES + length;
    }

    /** Bytes received but not decoded: a partial frame, or frames held back by a {@code maxFrames} limit. */
    public int pendingBytes() {
        return buffer.position() - readIndex;
    }

    /** True once a length prefix was out of range. */
    public boolean failed() {
        return failed;
    }

    /** The out-of-range length prefix that failed the decoder (0 if it has not failed). */
    public int offendingLength() {
        return offendingLength;
    }

    /** Forgets all bytes and any failure, for reuse on a new connection. */
    public void reset() {
        buffer.clear();
        readIndex = 0;
        failed = false;
        offendingLength = 0;
    }
}
