package io.crosskernel.kernels.common.data;

import java.util.zip.Deflater;

/**
 * Compresses with {@link Deflater} (zlib format) into a preallocated buffer sized for the worst case, so one call
 * always finishes. The Deflater is created once and {@link Deflater#reset() reset} per call.
 *
 * <p>Threading: one owning thread. Ownership: holds native zlib memory; call {@link #close()} when done.
 */
public final class CompressJob implements DataJob, AutoCloseable {
    private final Deflater deflater;
    private final byte[] output;
    private final int maxInputLength;
    private long bytesIn;
    private long bytesOut;

    /**
     * @param maxInputLength the largest input a call may pass
     * @param level          a {@link Deflater} level, 0..9 or {@link Deflater#DEFAULT_COMPRESSION}
     */
    public CompressJob(int maxInputLength, int level) {
        if (maxInputLength < 0) {
            throw new IllegalArgumentException("maxInputLength must be >= 0");
        }
        this.maxInputLength = maxInputLength;
        this.deflater = new Deflater(level);
        this.output = new byte[compressBound(maxInputLength)];
    }

    /** zlib's compressBound: the largest output deflate can produce for {@code n} input bytes, plus the zlib wrapper. */
    static int compressBound(int n) {
        return n + (n >>> 12) + (n >>> 14) + (n >>> 25) + 13 + 6;
    }

    /** Compresses {@code input[0, length)}; returns the compressed size. */
    @Override
    public int run(byte[] input, int length) {
        if (length < 0 || length > maxInputLength) {
            throw new IllegalArgumentException("length " + length + " outside [0, " + maxInputLength + "]");
        }
        deflater.reset();
        deflater.setInput(input, 0, length);
        deflater.finish();
        int produced = 0;
        while (!deflater.finished()) {
            int n = deflater.deflate(output, produced, output.length - produced);
            if (n == 0 && produced == output.length) {
                throw new IllegalStateException("compress bound exceeded"); // cannot happen with compressBound
            }
            produced += n;
        }
        bytesIn += length;
        bytesOut += produced;
        return produced;
    }

    @Override
    public byte[] output() {
        return output;
    }

    @Override
    public int maxInputLength() {
        return maxInputLength;
    }

    @Override
    public String name() {
        return "compress";
    }

    /** Input bytes compressed so far. Owner thread. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Compressed bytes produced so far. Owner thread. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Frees the native zlib state. Idempotent. */
    @Override
    public void close() {
        deflater.end();
    }
}
