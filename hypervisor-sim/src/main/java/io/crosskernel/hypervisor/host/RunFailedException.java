package io.crosskernel.hypervisor.host;

/** The host could not run the scenario at all (a kernel failed to boot or a worker failed to start): exit 3. */
public final class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
