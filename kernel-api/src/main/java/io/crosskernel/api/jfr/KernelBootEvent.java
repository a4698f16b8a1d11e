package io.crosskernel.api.jfr;

import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code crosskernel.KernelBoot}: one kernel was created and booted by the host. The event's duration is the boot
 * (factory plus {@code onBoot}); a boot that threw is recorded too, with its failure.
 *
 * <p>Threading: an instance is used by one thread (the host thread) from {@link #start()} to
 * {@link #finish(String, String, List, String)}.
 */
@Name(KernelBootEvent.NAME)
@Label("Kernel Boot")
@Category({"crosskernel", "Lifecycle"})
@Description("A kernel was created and booted by the host; the duration is the boot")
@StackTrace(false)
public final class KernelBootEvent extends Event {
    public static final String NAME = "crosskernel.KernelBoot";

    @Label("Kernel")
    String kernel;

    @Label("Type")
    @Description("The kernel type (general, realtime, io, storage, compute, ...)")
    String type;

    @Label("Cores")
    @Description("How many cores (workers) the kernel was given")
    int cores;

    @Label("Core List")
    @Description("The logical CPUs of the kernel's workers, in worker order, e.g. [2, 3]")
    String coreList;

    @Label("Failure")
    @Description("Why the boot failed; empty when it succeeded")
    String failure;

    private KernelBootEvent() {
    }

    /** Starts timing a boot. Host thread; allocates (a boot is rare). */
    public static KernelBootEvent start() {
        KernelBootEvent event = new KernelBootEvent();
        event.begin();
        return event;
    }

    /**
     * Ends the boot and commits the event if a recording wants it.
     *
     * @param cores   the logical CPUs of the kernel's workers, in worker order
     * @param failure why the boot failed, or null when it succeeded
     */
    public void finish(String kernel, String type, List<Integer> cores, String failure) {
        end();
        if (shouldCommit()) {
            this.kernel = kernel;
            this.type = type;
            this.cores = cores.size();
            this.coreList = cores.toString();
            this.failure = failure == null ? "" : failure;
            commit();
        }
    }
}
