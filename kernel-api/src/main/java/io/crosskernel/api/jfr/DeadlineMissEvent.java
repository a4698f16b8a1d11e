package io.crosskernel.api.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code crosskernel.DeadlineMiss}: a request finished after its deadline. Two sources, told apart by {@code task}:
 * <ul>
 *   <li>a route's end-to-end deadline (the workload's {@code deadline}), checked on the kernel that completes the
 *       last stage: {@code task} is empty and the latency runs from the request's scheduled release;</li>
 *   <li>a real-time job's deadline, checked by the realtime kernel's dispatcher: {@code task} names the task and the
 *       latency runs from the job's release on that kernel.</li>
 * </ul>
 * A single-stage route on a realtime kernel can therefore record both for the same request, as its counters do.
 *
 * <p>Threading: {@link #emit} may be called from any thread; each call uses its own event object.
 */
@Name(DeadlineMissEvent.NAME)
@Label("Deadline Miss")
@Category({"crosskernel", "Latency"})
@Description("A request or real-time job finished after its deadline")
@StackTrace(false)
public final class DeadlineMissEvent extends Event {
    public static final String NAME = "crosskernel.DeadlineMiss";
    /** Asked whether the event is enabled: {@code isEnabled} reads only JFR's static state, so sharing it is safe. */
    private static final DeadlineMissEvent PROBE = new DeadlineMissEvent();

    @Label("Kernel")
    @Description("The kernel that noticed the miss")
    String kernel;

    @Label("Route")
    @Description("The workload (route) of the request; empty for a real-time job")
    String route;

    @Label("Task")
    @Description("The real-time task whose job missed; empty for a route's end-to-end deadline")
    String task;

    @Label("Deadline")
    @Timespan(Timespan.NANOSECONDS)
    long deadline;

    @Label("Latency")
    @Description("Release to completion")
    @Timespan(Timespan.NANOSECONDS)
    long latency;

    @Label("Lateness")
    @Description("How far past the deadline it finished: latency minus deadline")
    @Timespan(Timespan.NANOSECONDS)
    long lateness;

    private DeadlineMissEvent() {
    }

    /** Whether a recording is taking this event now. Any thread. */
    public static boolean enabled() {
        return PROBE.isEnabled();
    }

    /**
     * Records a miss if a recording takes this event; otherwise costs one check. Any thread.
     *
     * @param route         the route name, or "" for a real-time job
     * @param task          the real-time task name, or "" for a route's end-to-end deadline
     * @param deadlineNanos the relative deadline
     * @param latencyNanos  release to completion, above the deadline
     */
    public static void emit(String kernel, String route, String task, long deadlineNanos, long latencyNanos) {
        if (!PROBE.isEnabled()) {
            return;
        }
        DeadlineMissEvent event = new DeadlineMissEvent();
        event.kernel = kernel;
        event.route = route;
        event.task = task;
        event.deadline = deadlineNanos;
        event.latency = latencyNanos;
        event.lateness = latencyNanos - deadlineNanos;
        event.commit();
    }
}
