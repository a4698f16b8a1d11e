package io.crosskernel.api.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code crosskernel.BudgetOverrun}: a real-time job executed longer than its budget (the task's cost, the worst case
 * admission assumed) plus the kernel's {@code overrunSlack}.
 *
 * <p>Threading: {@link #emit} may be called from any thread; each call uses its own event object.
 */
@Name(BudgetOverrunEvent.NAME)
@Label("Budget Overrun")
@Category({"crosskernel", "Latency"})
@Description("A real-time job executed longer than its budget plus the overrun slack")
@StackTrace(false)
public final class BudgetOverrunEvent extends Event {
    public static final String NAME = "crosskernel.BudgetOverrun";
    /** Asked whether the event is enabled: {@code isEnabled} reads only JFR's static state, so sharing it is safe. */
    private static final BudgetOverrunEvent PROBE = new BudgetOverrunEvent();

    @Label("Kernel")
    String kernel;

    @Label("Task")
    @Description("The real-time task (its workload's name, or workload#stage when the workload has several stages "
            + "on the kernel)")
    String task;

    @Label("Budget")
    @Description("The task's cost: the execution time admission assumed")
    @Timespan(Timespan.NANOSECONDS)
    long budget;

    @Label("Slack")
    @Description("Execution beyond the budget tolerated before it counts as an overrun")
    @Timespan(Timespan.NANOSECONDS)
    long slack;

    @Label("Actual")
    @Description("How long the job executed (start to finish)")
    @Timespan(Timespan.NANOSECONDS)
    long actual;

    @Label("Overrun")
    @Description("Actual minus budget")
    @Timespan(Timespan.NANOSECONDS)
    long overrun;

    private BudgetOverrunEvent() {
    }

    /** Whether a recording is taking this event now. Any thread. */
    public static boolean enabled() {
        return PROBE.isEnabled();
    }

    /** Records an overrun if a recording takes this event; otherwise costs one check. Any thread. */
    public static void emit(String kernel, String task, long budgetNanos, long slackNanos, long actualNanos) {
        if (!PROBE.isEnabled()) {
            return;
        }
        BudgetOverrunEvent event = new BudgetOverrunEvent();
        event.kernel = kernel;
        event.task = task;
        event.budget = budgetNanos;
        event.slack = slackNanos;
        event.actual = actualNanos;
        event.overrun = actualNanos - budgetNanos;
        event.commit();
    }
}
