package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.hiccup.HiccupMeter;

/**
 * The {@code host:} section.
 *
 * @param housekeeping       keep one core free of kernels for the host's own threads (default true)
 * @param housekeepingCore   which core that is; -1 picks the lowest online core no kernel asked for (default -1)
 * @param oversubscribe      allow kernels to share cores or name cores beyond the machine's, running unpinned where
 *                           a core does not exist (default false)
 * @param onError            what a task that throws does to the run: {@code continue} (default) or {@code stop}
 * @param drainTimeoutNanos  how long the host waits for in-flight work after sources stop (default 5s)
 * @param stallNanos         a worker whose heartbeat does not move for this long is reported stalled (default 1s)
 * @param hiccupThresholdNanos a gap between two clock readings of a worker above this is a hiccup (default 20us,
 *                           {@link io.crosskernel.api.hiccup.HiccupMeter#DEFAULT_THRESHOLD_NANOS})
 * @param pos                where {@code host:} is, or the top of the file when absent
 * @param isolation          the kernels' isolation where a kernel does not name its own (default {@code thread})
 * @param isolationPos       where {@code isolation:} is written, or {@code pos} when it is not
 * @param runDir             the directory under which a run with process-mode kernels makes its run directory
 *                           (default {@code /dev/shm}, {@link #DEFAULT_RUN_DIR})
 * @param runDirPos          where {@code runDir:} is written, or {@code pos} when it is not
 * @param onKernelFailure    what a kernel process that dies or stops heartbeating does to the run (default
 *                           {@code stop})
 */
public record HostSettings(boolean housekeeping, int housekeepingCore, boolean oversubscribe, OnError onError,
        long drainTimeoutNanos, long stallNanos, long hiccupThresholdNanos, SourcePos pos, Isolation isolation,
        SourcePos isolationPos, java.nio.file.Path runDir, SourcePos runDirPos,
        KernelFailurePolicy onKernelFailure) {
    /** Memory-backed on Linux: the rings of a run's cross-process channels never wait for a disk. */
    public static final java.nio.file.Path DEFAULT_RUN_DIR = java.nio.file.Path.of("/dev/shm");

    /** The settings of a host whose kernels all run in threads. */
    public HostSettings(boolean housekeeping, int housekeepingCore, boolean oversubscribe, OnError onError,
            long drainTimeoutNanos, long stallNanos, long hiccupThresholdNanos, SourcePos pos) {
        this(housekeeping, housekeepingCore, oversubscribe, onError, drainTimeoutNanos, stallNanos,
                hiccupThresholdNanos, pos, Isolation.THREAD, pos, DEFAULT_RUN_DIR, pos, KernelFailurePolicy.STOP);
    }

    /** The settings with the default hiccup threshold. */
    public HostSettings(boolean housekeeping, int housekeepingCore, boolean oversubscribe, OnError onError,
            long drainTimeoutNanos, long stallNanos, SourcePos pos) {
        this(housekeeping, housekeepingCore, oversubscribe, onError, drainTimeoutNanos, stallNanos,
                HiccupMeter.DEFAULT_THRESHOLD_NANOS, pos);
    }

    /** What a task that throws does to the run. */
    public enum OnError {
        CONTINUE, STOP
    }
}
