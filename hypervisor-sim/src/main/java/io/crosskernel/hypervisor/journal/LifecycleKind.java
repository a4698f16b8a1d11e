package io.crosskernel.hypervisor.journal;

/**
 * What a LIFECYCLE entry records; its {@link #code()} is byte 1 of the entry.
 *
 * <p>Immutable; any thread.
 */
public enum LifecycleKind {
    /** A kernel booted and its workers are pinned (detail: the pinning of each worker). */
    BOOT(1),
    /** Sources opened: the run's time zero; {@code --at} times count from this entry's timestamp. */
    START(2),
    /** A host message: warm-up over, drain started, stopping, and so on. */
    EVENT(3),
    /** The watchdog saw a worker stall. */
    STALL(4),
    /** A task error the host recorded (a sample: the report keeps the first few). */
    ERROR(5),
    /** The workers stopped. */
    STOP(6);

    private final int code;

    LifecycleKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static LifecycleKind ofCode(int code) {
        for (LifecycleKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new JournalFormatException("unknown lifecycle kind " + code);
    }
}
