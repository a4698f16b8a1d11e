package io.crosskernel.kernels.storage;

/**
 * The operation a log record carries, with its one-byte on-disk code. Immutable.
 */
public enum LogOp {
    PUT((byte) 1),
    DELETE((byte) 2),
    /**
     * Written only by a repair ({@link LogRepair}) where a damaged record of this key was dropped: the key's value at
     * that point is unknown, so recovery marks the key corrupt rather than serve an older value as current, exactly
     * as it did while the damaged record was still in the log. A later PUT or DELETE of the key supersedes it.
     */
    LOST((byte) 3);

    private final byte code;

    LogOp(byte code) {
        this.code = code;
    }

    /** The byte written to disk. */
    public byte code() {
        return code;
    }

    /** The operation for an on-disk code, or {@code null} if the code is not one we write (a damaged record). */
    public static LogOp fromCode(byte code) {
        return switch (code) {
            case 1 -> PUT;
            case 2 -> DELETE;
            case 3 -> LOST;
            default -> null;
        };
    }
}
