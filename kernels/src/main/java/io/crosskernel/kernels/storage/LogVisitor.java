package io.crosskernel.kernels.storage;

/**
 * Receives every record of a {@link DurableLog#scan} in log order. Called on the scanning thread only.
 */
public interface LogVisitor {
    /**
     * A whole record whose CRC32C matched.
     *
     * @param index       the record's log index (Chronicle index: cycle and sequence)
     * @param op          PUT or DELETE
     * @param key         the record's key
     * @param valueLength bytes of value (0 for DELETE)
     */
    void onRecord(long index, LogOp op, long key, int valueLength);

    /**
     * A damaged record.
     *
     * @param index    the record's log index
     * @param status   {@link RecordStatus#CRC_MISMATCH} or {@link RecordStatus#TRUNCATED}
     * @param keyReadable whether the record is long enough to hold a key field
     * @param keyAsRead   the key field as it reads on disk (0 when not readable); since the record failed its check
     *                    this field may itself be the damaged part
     */
    void onDamaged(long index, RecordStatus status, boolean keyReadable, long keyAsRead);
}
