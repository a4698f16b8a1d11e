package io.crosskernel.cli.output;

/**
 * An output path that cannot be used, found before anything runs: bad input (exit 2). The message is one line that
 * names the option and the path and says what is wrong.
 */
public final class OutputPathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputPathException(String message) {
        super(message);
    }
}
