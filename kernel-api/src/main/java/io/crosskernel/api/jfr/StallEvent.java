package io.crosskernel.api.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code crosskernel.Stall}: a kernel worker did not complete a duty cycle for longer than the host's stall threshold
 * (a task running far too long, a kernel blocked). The event begins when the host's watchdog notices the stall and
 * ends when the worker's heartbeat moves again (or the run ends); {@code stalledFor} is the whole stall, from the last
 * heartbeat the watchdog saw.
 *
 * <p>Threading: opened and closed by the host thread.
 */
@Name(StallEvent.NAME)
@Label("Worker Stall")
@Category({"crosskernel", "Host"})
@Description("A kernel worker completed no duty cycle for longer than the stall threshold")
@StackTrace(false)
public final class StallEvent extends Event {
    public static final String NAME = "crosskernel.Stall";
    /** Asked whether the event is enabled: {@code isEnabled} reads only JFR's static state, so sharing it is safe. */
    private static final StallEvent PROBE = new StallEvent();

    @Label("Worker")
    @Description("The stalled worker, as kernel[index]")
    String worker;

    @Label("Stalled For")
    @Description("From the last heartbeat seen to the first heartbeat after the stall (or the end of the run)")
    @Timespan(Timespan.NANOSECONDS)
    long stalledFor;

    @Label("Threshold")
    @Description("The host's stall threshold (host.stallThreshold)")
    @Timespan(Timespan.NANOSECONDS)
    long threshold;

    @Label("Recovered")
    @Description("True when the worker completed a duty cycle again; false when the run ended first")
    boolean recovered;

    private StallEvent() {
    }

    /** Whether a recording is taking this event now. Any thread. */
    public static boolean enabled() {
        return PROBE.isEnabled();
    }

    /** Opens a stall as the watchdog notices it, or returns null when no recording takes the event. */
    public static StallEvent openIfEnabled(String worker, long thresholdNanos) {
        if (!PROBE.isEnabled()) {
            return null;
        }
        StallEvent event = new StallEvent();
        event.begin();
        event.worker = worker;
        event.threshold = thresholdNanos;
        return event;
    }

    /**
     * Ends the stall and commits it if a recording still wants it.
     *
     * @param stalledForNanos last heartbeat seen before the stall to now
     * @param recovered       true when the heartbeat moved again, false when the run ended first
     */
    public void close(long stalledForNanos, boolean recovered) {
        end();
        if (shouldCommit()) {
            this.stalledFor = stalledForNanos;
            this.recovered = recovered;
            commit();
        }
    }
}
