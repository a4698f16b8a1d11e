package io.crosskernel.kernels.storage;

/**
 * A reusable holder the {@link DurableLog} fills with the header fields of the record it just read, so reads need not
 * allocate. Owned by one thread; the fields are meaningful only after a read that returned {@link RecordStatus#OK} or
 * {@link RecordStatus#BUFFER_TOO_SMALL}.
 */
public final class RecordHeader {
    byte opCode;
    long key;
    int valueLength;

    /** The operation, or {@code null} if the op byte was not one we write. */
    public LogOp op() {
        return LogOp.fromCode(opCode);
    }

    public long key() {
        return key;
    }

    /** Length of the value in bytes (0 for a delete). */
    public int valueLength() {
        return valueLength;
    }
}
