package io.crosskernel.kernels.storage;

/**
 * What {@link DurableLog#read} found at an index. Immutable.
 */
public enum RecordStatus {
    /** The record is whole and its CRC32C matches; the value was copied. */
    OK,
    /** No record exists at that index. */
    MISSING,
    /** The record's bytes do not match its CRC32C (or its op code is unknown): its contents cannot be trusted. */
    CRC_MISMATCH,
    /** The record is shorter than its own header says (a torn or cut-off write). */
    TRUNCATED,
    /** The record looks whole but the caller's buffer cannot hold the value; nothing was copied or verified. */
    BUFFER_TOO_SMALL;

    /** True when the record on disk is damaged. */
    public boolean isDamaged() {
        return this == CRC_MISMATCH || this == TRUNCATED;
    }
}
