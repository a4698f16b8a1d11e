package io.crosskernel.kernels.realtime;

/**
 * Sizes and tolerances of a {@link RealtimeScheduler}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sporadicBacklog   how many jobs of one sporadic task may be waiting (accepted, not yet finished) at once;
 *                          arrivals beyond it are refused and counted. Preallocated per sporadic task.
 * @param overrunSlackNanos a job counts as a budget overrun when it executes longer than its cost plus this slack
 *                          (room for the timer reads around the body)
 */
public record RtSchedulerConfig(int sporadicBacklog, long overrunSlackNanos) {
    /** 64 waiting jobs per sporadic task, no slack. */
    public static final RtSchedulerConfig DEFAULT = new RtSchedulerConfig(64, 0);

    public RtSchedulerConfig {
        if (sporadicBacklog < 1) {
            throw new IllegalArgumentException("sporadic backlog must be at least 1, got " + sporadicBacklog);
        }
        if (overrunSlackNanos < 0) {
            throw new IllegalArgumentException("overrun slack must not be negative, got " + overrunSlackNanos);
        }
    }

    /** This configuration with a different overrun slack. */
    public RtSchedulerConfig withOverrunSlackNanos(long slack) {
        return new RtSchedulerConfig(sporadicBacklog, slack);
    }
}
