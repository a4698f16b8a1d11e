package io.crosskernel.hypervisor.scenario;

/**
 * How a kernel is kept apart from the others ({@code isolation:} of a kernel, {@code host.isolation} for all).
 *
 * <ul>
 *   <li>{@link #THREAD}: pinned worker threads in the host's JVM (the default).</li>
 *   <li>{@link #PROCESS}: a child JVM of its own, confined to the kernel's cores, its channels in mapped files of
 *       the run directory (docs/PROCESSES.md says what a process-mode kernel may do in this release).</li>
 * </ul>
 */
public enum Isolation {
    THREAD("thread"), PROCESS("process");

    private final String alias;

    Isolation(String alias) {
        this.alias = alias;
    }

    /** The name scenarios and reports use. */
    public String alias() {
        return alias;
    }

    /** Every alias, in declaration order. */
    static java.util.List<String> aliases() {
        return java.util.List.of(THREAD.alias, PROCESS.alias);
    }

    /** The isolation called {@code alias} (one of {@link #aliases()}). */
    static Isolation of(String alias) {
        return alias.equals(PROCESS.alias) ? PROCESS : THREAD;
    }
}
