package io.crosskernel.kernels.common.data;

import java.util.zip.CRC32C;

/**
 * Computes the CRC32C (Castagnoli; hardware-accelerated on x86 and ARM by the JDK) of the input and writes it as 4
 * big-endian bytes to {@link #output()}. No allocation per call.
 *
 * <p>Threading: one owning thread.
 */
public final class ChecksumJob implements DataJob {
    private final CRC32C crc = new CRC32C();
    private final byte[] output = new byte[4];
    private final int maxInputLength;
    private int lastChecksum;

    public ChecksumJob(int maxInputLength) {
        if (maxInputLength < 0) {
            throw new IllegalArgumentException("maxInputLength must be >= 0");
        }
        this.maxInputLength = maxInputLength;
    }

    /** Checksums {@code input[0, length)}; returns 4 (the bytes of checksum written). */
    @Override
    public int run(byte[] input, int length) {
        if (length < 0 || length > maxInputLength) {
            throw new IllegalArgumentException("length " + length + " outside [0, " + maxInputLength + "]");
        }
        crc.reset();
        crc.update(input, 0, length);
        int value = (int) crc.getValue();
        lastChecksum = value;
        output[0] = (byte) (value >>> 24);
        output[1] = (byte) (value >>> 16);
        output[2] = (byte) (value >>> 8);
        output[3] = (byte) value;
        return 4;
    }

    /** The checksum of the last run, as the unsigned 32-bit value {@link CRC32C#getValue()} returns. */
    public long lastChecksum() {
        return lastChecksum & 0xFFFF_FFFFL;
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
        return "checksum";
    }
}
