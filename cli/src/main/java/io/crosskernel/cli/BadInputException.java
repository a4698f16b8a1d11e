package io.crosskernel.cli;

/** A command-line value that is wrong (not a scenario error): exit 2 with this message. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
