package io.crosskernel.kernels.storage;

/**
 * When the {@link DurableLog} forces appended records from the OS page cache to the storage device.
 *
 * <p>Every policy survives a crash of the JVM process: Chronicle Queue writes through a shared memory mapping, so an
 * append is in the kernel's page cache the moment {@code append} returns. The policies differ only in what survives a
 * crash of the operating system or a power loss. "Forced" means {@code FileChannel.force(false)} (fdatasync on Linux)
 * of the whole cycle file the record lives in, which writes back every dirty page of that file, including pages
 * dirtied through Chronicle's mapping and its index pages; the directory is also forced once when a new cycle file
 * appears, so the file's name survives too.
 *
 * <p>Immutable; safe to share.
 */
public enum SyncPolicy {
    /**
     * Never force. The OS writes pages back when it chooses (on Linux typically within about 30 s). Cheapest; an OS
     * crash or power loss can lose any number of recent appends, and the tail may then be torn (which recovery
     * detects and reports).
     */
    NONE,
    /**
     * Force after every {@code syncBatchSize} appends, before the first append to a new cycle file (so the previous
     * file is complete on disk), on {@link DurableLog#sync()} and on close. An OS crash or power loss loses at most the
     * last {@code syncBatchSize - 1} acknowledged appends.
     */
    BATCH,
    /**
     * Force after each append, before {@code append} returns. An append that returned is on the device (to the
     * extent the device honours flushes). One fdatasync per append: a system call on the caller's thread.
     */
    EVERY
}
