package io.crosskernel.hypervisor.journal;

/**
 * How a journaled run ended: the reason written in the END entry (byte 2, {@link #code()}), with a detail string
 * (the run's failure, the signal's name, the journal's own failure). A journal without an END entry is a crash.
 *
 * <p>Immutable; any thread.
 */
public enum JournalEnd {
    /** The run went through to its end (it may still have failed: the detail says why); the final state is recorded. */
    COMPLETED(1),
    /** A signal (SIGINT, SIGTERM) cut the run short; the detail names it. */
    INTERRUPTED(2),
    /**
     * The run or the journal could not go on: a kernel failed to boot, or the journal's disk filled. The detail says
     * what and where; the journal ends at its last complete entry.
     */
    FAILED(3);

    private final int code;

    JournalEnd(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The lower-case name {@code xk journal} prints. */
    public String alias() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The reason with {@code code}; {@code 0} is a format-1 journal's END, which had only a clean flag: clean is
     * {@link #COMPLETED}, not clean is {@link #FAILED}.
     *
     * @return null for a code this version does not know
     */
    static JournalEnd ofCode(int code, boolean clean) {
        if (code == 0) {
            return clean ? COMPLETED : FAILED;
        }
        for (JournalEnd end : values()) {
            if (end.code == code) {
                return end;
            }
        }
        return null;
    }
}
