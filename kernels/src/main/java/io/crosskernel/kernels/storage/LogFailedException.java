package io.crosskernel.kernels.storage;

import java.nio.file.Path;

/**
 * The log cannot take more writes: its file system is full, or a write to its file failed. The append that threw was
 * not acknowledged, and no later append will be: once thrown, every append throws the same exception without
 * touching the file. Every append acknowledged before it stays in the log as its {@link SyncPolicy} promised (the
 * failed one was rolled back, or reserved no space and wrote nothing). Reads still work.
 */
public final class LogFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final boolean noSpace;

    LogFailedException(Path file, boolean noSpace, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.noSpace = noSpace;
    }

    /** The file the failed write went to (or the log directory, if no file was open yet). */
    public Path file() {
        return file;
    }

    /** Whether the cause is a full file system (no space left on device, or a quota reached). */
    public boolean noSpace() {
        return noSpace;
    }
}
