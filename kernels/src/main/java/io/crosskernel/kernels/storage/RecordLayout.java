package io.crosskernel.kernels.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The fixed binary layout of one log record, little-endian, independent of Chronicle's own byte order:
 * <pre>
 *   offset 0   op            1 byte   (1 = PUT, 2 = DELETE)
 *   offset 1   key           8 bytes
 *   offset 9   value length  4 bytes  (0 for DELETE)
 *   offset 13  value         n bytes
 *   offset 13+n CRC32C       4 bytes  over bytes [0, 13+n)
 * </pre>
 * Stateless helpers; the header scratch arrays are owned by the caller.
 */
final class RecordLayout {
    static final int OP_OFFSET = 0;
    static final int KEY_OFFSET = 1;
    static final int LENGTH_OFFSET = 9;
    static final int HEADER_LENGTH = 13;
    static final int CRC_LENGTH = 4;
    static final int OVERHEAD = HEADER_LENGTH + CRC_LENGTH;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private RecordLayout() {
    }

    static void encodeHeader(byte[] header, byte op, long key, int valueLength) {
        header[OP_OFFSET] = op;
        LONG_LE.set(header, KEY_OFFSET, key);
        INT_LE.set(header, LENGTH_OFFSET, valueLength);
    }

    static byte op(byte[] header) {
        return header[OP_OFFSET];
    }

    static long key(byte[] header) {
        return (long) LONG_LE.get(header, KEY_OFFSET);
    }

    static int valueLength(byte[] header) {
        return (int) INT_LE.get(header, LENGTH_OFFSET);
    }

    static void putInt(byte[] dst, int offset, int value) {
        INT_LE.set(dst, offset, value);
    }

    static int getInt(byte[] src, int offset) {
        return (int) INT_LE.get(src, offset);
    }

    /** CRC32C of header then value; {@code crc} is reset first. */
    static int crc(CRC32C crc, byte[] header, byte[] value, int valueOffset, int valueLength) {
        crc.reset();
        crc.update(header, 0, HEADER_LENGTH);
        crc.update(value, valueOffset, valueLength);
        return (int) crc.getValue();
    }
}
