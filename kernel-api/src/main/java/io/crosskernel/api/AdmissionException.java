package io.crosskernel.api;

/**
 * A kernel refuses the work a scenario gives it (for example an unschedulable real-time task set). The message
 * names the figures that decided it: utilisation, the failing task, its worst-case response time.
 *
 * <p>When one stage is to blame (an op the kernel does not run, the task that misses its deadline), the exception
 * names it by route id and stage index, so that the scenario reader can point at the stage the user has to change
 * rather than at the kernel.
 */
public final class AdmissionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** {@link #routeId()} and {@link #stage()} when no single stage is to blame. */
    public static final int NO_STAGE = -1;

    private final int routeId;
    private final int stage;

    /** A refusal of the kernel's work as a whole. */
    public AdmissionException(String message) {
        this(message, NO_STAGE, NO_STAGE);
    }

    /**
     * A refusal caused by one stage.
     *
     * @param routeId the route ({@code Route.id()}, the workload's index) whose stage is to blame
     * @param stage   the index of that stage on its route
     */
    public AdmissionException(String message, int routeId, int stage) {
        super(message);
        this.routeId = routeId;
        this.stage = stage;
    }

    /** @return the route whose stage is to blame, or {@link #NO_STAGE} */
    public int routeId() {
        return routeId;
    }

    /** @return the index of the stage to blame on route {@link #routeId()}, or {@link #NO_STAGE} */
    public int stage() {
        return stage;
    }
}
