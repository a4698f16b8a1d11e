package io.crosskernel.hypervisor.journal;

/**
 * The kinds of journal entry; the first byte of every entry is its {@link #code()}. The layouts are in
 * {@code docs/JOURNAL.md} and {@link JournalLayout}.
 *
 * <p>Immutable; any thread.
 */
public enum EntryType {
    /** A message offered on a channel and accounted for by it (sent, dropped or failed); sender's queue. */
    SEND(JournalLayout.SEND),
    /** A message drained from a channel, written before the receiver's handler sees it; receiver's queue. */
    RECEIVE(JournalLayout.RECEIVE),
    /** A storage kernel stored a value under a key; that kernel's queue. */
    PUT(JournalLayout.PUT),
    /** A storage kernel deleted a key; that kernel's queue. */
    DELETE(JournalLayout.DELETE),
    /** A request arrived from outside the process (an io kernel's socket), with its time; that kernel's queue. */
    INGRESS(JournalLayout.INGRESS),
    /** The run's identity: scenario, plan, topology, JVM, seed, payload mode, kernels and channels; host queue. */
    HEADER(JournalLayout.HEADER),
    /** Boot, start, stall, error, drain, stop and other host events; host queue. */
    LIFECYCLE(JournalLayout.LIFECYCLE),
    /** The final state the host computed from its live counters, and its SHA-256; host queue. */
    FINAL_STATE(JournalLayout.FINAL_STATE),
    /** The clean-end marker: the last entry of a run that finished; host queue. */
    END(JournalLayout.END);

    private final byte code;

    EntryType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** The lower-case name used by {@code xk journal --type}. */
    public String alias() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** @return the type with {@code code}, or null */
    public static EntryType ofCode(int code) {
        for (EntryType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException listing the accepted names */
    public static EntryType parse(String alias) {
        for (EntryType type : values()) {
            if (type.alias().equals(alias)) {
                return type;
            }
        }
        StringBuilder names = new StringBuilder();
        for (EntryType type : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(type.alias());
        }
        throw new IllegalArgumentException("unknown entry type '" + alias + "': use one of " + names);
    }
}
