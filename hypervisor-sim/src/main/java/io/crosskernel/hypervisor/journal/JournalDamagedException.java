package io.crosskernel.hypervisor.journal;

/**
 * A journal whose host queue cannot be read up to its header (the cycle file's header or the journal's HEADER entry
 * is damaged): nothing of it can be replayed. The message names the file, the offset and what is wrong.
 */
public final class JournalDamagedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalDamagedException(String message, Throwable cause) {
        super(message, cause);
    }
}
