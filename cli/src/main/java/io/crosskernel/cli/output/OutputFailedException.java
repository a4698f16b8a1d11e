package io.crosskernel.cli.output;

/**
 * An output that could not be written, or a run refused because the file system it must write to is full: a runtime
 * failure (exit 3). The message is one line that names the file and says what went wrong in plain words.
 */
public final class OutputFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutputFailedException(String message) {
        super(message);
    }
}
