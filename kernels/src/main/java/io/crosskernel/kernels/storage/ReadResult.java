package io.crosskernel.kernels.storage;

/**
 * The outcome of {@link StorageEngine#get}. Immutable.
 */
public enum ReadResult {
    /** The latest value was copied into the caller's buffer; its length is {@link StorageEngine#lastValueLength()}. */
    FOUND,
    /** The key was never written, or its latest record is a delete. */
    NOT_FOUND,
    /**
     * The key's latest record is damaged on disk (found at recovery or by this read's CRC check). No data is returned:
     * not the damaged bytes, and not an older value either, since that would silently serve stale data.
     */
    CORRUPT,
    /** The caller's buffer is smaller than the value; {@link StorageEngine#lastValueLength()} says how large it is. */
    BUFFER_TOO_SMALL
}
