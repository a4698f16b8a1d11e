package io.crosskernel.kernels.storage;

/**
 * The operation a log record carries, with its one-byte on-disk code. Immutable.
 */
public enum LogOp {
    PUT((byte) 1),
    DELETE((byte) 2);

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
            default -> null;
        };
    }
}
