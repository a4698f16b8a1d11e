package io.crosskernel.kernels.io;

import java.nio.ByteBuffer;

/** Reads the compact payload view {@link RequestSink#offer} carries. Stateless; any thread. */
final class Payloads {
    private Payloads() {
    }

    /**
     * The first {@code min(8, length)} bytes at absolute index {@code offset} of {@code buffer} as a big-endian long,
     * zero-padded on the right. Uses absolute gets only: the buffer's position and limit are untouched.
     */
    static long head(ByteBuffer buffer, int offset, int length) {
        if (length >= Long.BYTES) {
            return buffer.getLong(offset);
        }
        long head = 0;
        for (int i = 0; i < length; i++) {
            head = (head << 8) | (buffer.get(offset + i) & 0xFFL);
        }
        return length == 0 ? 0 : head << (8 * (Long.BYTES - length));
    }
}
