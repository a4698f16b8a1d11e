package io.crosskernel.hypervisor.journal;

/**
 * A journal queue could not be started (its file system is full, or Chronicle could not create it): the run cannot be
 * journaled. The message names the queue's path and what failed.
 */
public final class JournalFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalFailedException(String message) {
        super(message);
    }

    public JournalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
