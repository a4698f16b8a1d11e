package io.crosskernel.hypervisor.host;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request from outside the run to end it early, e.g. a SIGINT: the first request stops the sources and drains for
 * at most its drain time ({@link #DEFAULT_DRAIN_NANOS} unless given), a second one skips what is left of the drain. The run then reports normally, marked
 * interrupted ({@link io.crosskernel.hypervisor.report.RunReport#interrupted()}).
 *
 * <p>Threading: {@link #request} may be called from any thread (a signal handler's); the host thread reads. The
 * reason is written before the count is released ({@code incrementAndGet} is a full fence) and read after the count
 * is acquired, so a host that sees a request also sees its reason.
 */
public final class RunInterruption {
    /** How long an interrupted run drains by default: enough for in-flight work to finish, short for a user waiting. */
    public static final long DEFAULT_DRAIN_NANOS = 2_000_000_000L;

    private final long drainNanos;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String reason;

    public RunInterruption() {
        this(DEFAULT_DRAIN_NANOS);
    }

    /** @param drainNanos the longest the run drains after the first request (the scenario's drain timeout caps it) */
    public RunInterruption(long drainNanos) {
        if (drainNanos < 0) {
            throw new IllegalArgumentException("drain time must not be negative: " + drainNanos);
        }
        this.drainNanos = drainNanos;
    }

    long drainNanos() {
        return drainNanos;
    }

    /**
     * Any thread: asks the run to end.
     *
     * @param why what asked, e.g. {@code SIGINT}; the first request's reason is the one reported
     * @return how many requests there have been, this one included
     */
    public int request(String why) {
        if (reason == null) {
            reason = why;
        }
        return requests.incrementAndGet();
    }

    /** Host thread: how many requests there have been (0: none). */
    int requests() {
        return requests.getAcquire();
    }

    /** The first request's reason, or null while there was none. */
    public String reason() {
        return requests.getAcquire() == 0 ? null : reason;
    }
}
