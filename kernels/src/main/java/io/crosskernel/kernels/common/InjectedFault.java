package io.crosskernel.kernels.common;

/**
 * The exception a task throws when fault injection ({@code failEvery}) selects it.
 *
 * <p>One shared instance without a stack trace or suppression, so injecting a fault allocates nothing. Immutable;
 * safe to throw from any thread.
 */
public final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The shared instance. */
    public static final InjectedFault INSTANCE = new InjectedFault();

    private InjectedFault() {
        super("injected fault (failEvery)", null, false, false);
    }
}
