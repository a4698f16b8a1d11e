package io.crosskernel.api.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code crosskernel.KernelStop}: the host shut one kernel down after its workers stopped. The event's duration is
 * the shutdown (collecting the kernel's figures and {@code onShutdown}).
 *
 * <p>Threading: an instance is used by one thread (the host thread) from {@link #start()} to
 * {@link #finish(String, String, boolean)}.
 */
@Name(KernelStopEvent.NAME)
@Label("Kernel Stop")
@Category({"crosskernel", "Lifecycle"})
@Description("The host shut a kernel down after its workers stopped; the duration is the shutdown")
@StackTrace(false)
public final class KernelStopEvent extends Event {
    public static final String NAME = "crosskernel.KernelStop";

    @Label("Kernel")
    String kernel;

    @Label("Type")
    String type;

    @Label("Clean")
    @Description("Whether the kernel reported its figures and shut down without throwing")
    boolean clean;

    private KernelStopEvent() {
    }

    /** Starts timing a shutdown. Host thread; allocates (a shutdown is rare). */
    public static KernelStopEvent start() {
        KernelStopEvent event = new KernelStopEvent();
        event.begin();
        return event;
    }

    /** Ends the shutdown and commits the event if a recording wants it. */
    public void finish(String kernel, String type, boolean clean) {
        end();
        if (shouldCommit()) {
            this.kernel = kernel;
            this.type = type;
            this.clean = clean;
            commit();
        }
    }
}
