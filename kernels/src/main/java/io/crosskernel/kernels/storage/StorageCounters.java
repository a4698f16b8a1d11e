package io.crosskernel.kernels.storage;

import io.crosskernel.api.metrics.SingleWriterCounter;

/**
 * Operation counters of one {@link StorageEngine}.
 *
 * <p>Threading: written only by the engine's owning thread; any thread may read them (values may lag slightly).
 */
public final class StorageCounters {
    final SingleWriterCounter puts = new SingleWriterCounter();
    final SingleWriterCounter gets = new SingleWriterCounter();
    final SingleWriterCounter deletes = new SingleWriterCounter();
    final SingleWriterCounter corruptRecords = new SingleWriterCounter();
    final SingleWriterCounter bytesWritten = new SingleWriterCounter();

    /** Successful puts since open. */
    public long puts() {
        return puts.get();
    }

    /** Gets since open, whatever their result. */
    public long gets() {
        return gets.get();
    }

    /** Deletes since open (each appends a tombstone). */
    public long deletes() {
        return deletes.get();
    }

    /** Damaged records found: at recovery (corrupt and truncated) plus any a later {@code get} found. */
    public long corruptRecords() {
        return corruptRecords.get();
    }

    /** Bytes appended to the log since open, record overhead included. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    public String toString() {
        return "puts=" + puts() + " gets=" + gets() + " deletes=" + deletes() + " corrupt=" + corruptRecords()
                + " bytesWritten=" + bytesWritten();
    }
}
