package io.crosskernel.hypervisor.journal;

import java.util.Locale;

/**
 * How much of a message's payload (and of a stored value) the journal keeps.
 *
 * <p>Immutable; any thread.
 */
public enum PayloadMode {
    /** Nothing: the payload field of every entry is 0 and store entries carry no value digest. */
    NONE,
    /** A 64-bit digest: of the envelope's payload word, and of a stored value's bytes. */
    DIGEST,
    /** Everything: the envelope's payload word itself, and a stored value's bytes after the fixed part of the entry. */
    FULL;

    /** The option value, lower case. */
    public String alias() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static PayloadMode parse(String text) {
        for (PayloadMode mode : values()) {
            if (mode.alias().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown payload mode '" + text + "': use none, digest or full");
    }

    static PayloadMode fromCode(int code) {
        if (code < 0 || code >= values().length) {
            throw new JournalFormatException("unknown payload mode code " + code);
        }
        return values()[code];
    }
}
