package io.crosskernel.api.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code crosskernel.Backpressure}: a channel between two kernels was full and refused offers. One event covers a
 * whole <em>refusal run</em>: it begins at the first refused offer and ends at the next offer the channel accepts (or
 * when the run ends, if the channel never took another message), and counts the offers refused in between.
 *
 * <p>Why a run and not one event per refusal: under the {@code retry} policy the sender offers a held message again on
 * every duty cycle, so a full channel is refused thousands of times a second by the same message; under
 * {@code drop-newest} a burst is dropped message by message. One event per refusal would flood the recording with
 * identical events. A run is bounded by the receiver: a new one can start only after it drained something.
 *
 * <p>Threading: the channel's producer thread {@link #open opens} a run, {@link #refusedAgain() counts} into it and
 * {@link #close closes} it; the host may close a run left open once the producer thread has stopped.
 */
@Name(BackpressureEvent.NAME)
@Label("Backpressure")
@Category({"crosskernel", "Channels"})
@Description("A full channel refused offers, from the first refusal to the next accepted offer")
@StackTrace(false)
public final class BackpressureEvent extends Event {
    public static final String NAME = "crosskernel.Backpressure";
    /** Asked whether the event is enabled: {@code isEnabled} reads only JFR's static state, so sharing it is safe. */
    private static final BackpressureEvent PROBE = new BackpressureEvent();

    @Label("From")
    @Description("The sending kernel")
    String from;

    @Label("To")
    @Description("The receiving kernel")
    String to;

    @Label("Policy")
    @Description("The channel's backpressure policy: retry, drop-newest or fail")
    String policy;

    @Label("Result")
    @Description("What each refused offer was answered: BACKPRESSURED (the sender keeps and retries it), DROPPED "
            + "(the message was lost) or FAILED (the run is stopped)")
    String result;

    @Label("Capacity")
    int capacity;

    @Label("Refused Offers")
    @Description("Offers refused during the run (for retry, one held message refused on many duty cycles counts "
            + "each time)")
    long refused;

    @Label("Recovered")
    @Description("True when the channel accepted an offer again; false when the run ended while it was refusing")
    boolean recovered;

    private BackpressureEvent() {
    }

    /** Whether a recording is taking this event now. Any thread. */
    public static boolean enabled() {
        return PROBE.isEnabled();
    }

    /**
     * Opens a refusal run at its first refused offer. Call only when {@link #enabled()}; allocates the event.
     *
     * @param policy the policy's alias ({@code retry}, {@code drop-newest}, {@code fail})
     * @param result the answer given to the refused offers ({@code SendResult} name)
     */
    public static BackpressureEvent open(String from, String to, String policy, String result, int capacity) {
        BackpressureEvent event = new BackpressureEvent();
        event.begin();
        event.from = from;
        event.to = to;
        event.policy = policy;
        event.result = result;
        event.capacity = capacity;
        event.refused = 1;
        return event;
    }

    /** One more offer refused in this run. */
    public void refusedAgain() {
        refused++;
    }

    /** @return offers refused so far in this run */
    public long refused() {
        return refused;
    }

    /**
     * Ends the run and commits it if a recording still wants it.
     *
     * @param recovered true when an accepted offer ends the run, false when the run (or the producer) ended first
     */
    public void close(boolean recovered) {
        end();
        if (shouldCommit()) {
            this.recovered = recovered;
            commit();
        }
    }
}
