package io.crosskernel.hypervisor.journal;

/** A directory or an entry that is not a journal this version can read; the message says what and where. */
public final class JournalFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalFormatException(String message) {
        super(message);
    }

    public JournalFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
