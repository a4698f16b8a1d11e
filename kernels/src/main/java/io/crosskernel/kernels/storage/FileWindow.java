package io.crosskernel.kernels.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * A sliding window over a file read with positional {@link FileChannel} reads (not a memory mapping: a file that is
 * shorter than it claims, or shrinks, must give an I/O error, never a SIGBUS). Reads little-endian.
 *
 * <p>Threading: one thread. Ownership: the window does not own the channel.
 */
final class FileWindow {
    private static final int MIN_CAPACITY = 1 << 20;
    private static final byte[] ZEROS = new byte[1 << 16];

    private final FileChannel channel;
    private final long size;
    private final byte[] bytes;
    private final ByteBuffer buffer;
    private long base;
    private int filled;

    /** @param largestRead the largest span {@link #ensure} will be asked for */
    FileWindow(FileChannel channel, int largestRead) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.bytes = new byte[Math.max(MIN_CAPACITY, largestRead)];
        this.buffer = ByteBuffer.wrap(bytes);
    }

    long size() {
        return size;
    }

    /** The backing array; valid for a span from {@link #offset(long)} after {@link #ensure} said yes. */
    byte[] array() {
        return bytes;
    }

    /** Where {@code position} lies in {@link #array()}; valid after {@link #ensure} covered it. */
    int offset(long position) {
        return (int) (position - base);
    }

    /**
     * Makes {@code [position, position + length)} readable in {@link #array()}.
     *
     * @return false when the span runs past the end of the file
     */
    boolean ensure(long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > size) {
            return false;
        }
        if (length > bytes.length) {
            throw new IllegalArgumentException("span of " + length + " bytes exceeds the window");
        }
        if (position >= base && position + length <= base + filled) {
            return true;
        }
        base = position;
        filled = 0;
        buffer.clear();
        int want = (int) Math.min(bytes.length, size - position);
        while (filled < want) {
            int n = channel.read(buffer, position + filled);
            if (n < 0) {
                break; // the file shrank under us: the span is not there
            }
            filled += n;
        }
        return filled >= length;
    }

    int getInt(long position) {
        int o = offset(position);
        return (bytes[o] & 0xFF) | (bytes[o + 1] & 0xFF) << 8 | (bytes[o + 2] & 0xFF) << 16 | (bytes[o + 3] & 0xFF) << 24;
    }

    byte get(long position) {
        return bytes[offset(position)];
    }

    /** The first non-zero byte at or after {@code from}, or -1 when the rest of the file is zeros. */
    long nextNonZero(long from) throws IOException {
        long pos = from;
        while (pos < size) {
            int span = (int) Math.min(bytes.length, size - pos);
            if (!ensure(pos, span)) {
                return -1;
            }
            int o = offset(pos);
            for (int chunk = 0; chunk < span; chunk += ZEROS.length) {
                int n = Math.min(ZEROS.length, span - chunk);
                // Arrays.mismatch is vectorised: a sparse file's zero tail is tens of megabytes
                int at = Arrays.mismatch(bytes, o + chunk, o + chunk + n, ZEROS, 0, n);
                if (at >= 0) {
                    return pos + chunk + at;
                }
            }
            pos += span;
        }
        return -1;
    }

    /** One past the last non-zero byte at or after {@code from}, or {@code from} when there is none. */
    long endOfNonZero(long from) throws IOException {
        long end = from;
        long nz = nextNonZero(from);
        while (nz >= 0) {
            // skip the non-zero run, then look for the next one
            long pos = nz;
            while (pos < size && ensure(pos, 1) && get(pos) != 0) {
                pos++;
            }
            end = pos;
            nz = nextNonZero(pos);
        }
        return end;
    }

    /** Hex of up to {@code count} bytes at {@code position}, for messages. */
    String hex(long position, int count) throws IOException {
        int n = (int) Math.max(0, Math.min(count, size - position));
        if (n == 0 || !ensure(position, n)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int o = offset(position);
        for (byte v : Arrays.copyOfRange(bytes, o, o + n)) {
            b.append(String.format("%02x", v & 0xFF));
        }
        return b.toString();
    }
}
