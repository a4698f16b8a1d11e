package io.crosskernel.hypervisor.process;

/** A run directory that cannot be made, read or used: the message says which and why. */
public final class RunDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunDirectoryException(String message) {
        super(message);
    }
}
