package io.crosskernel.api;

/**
 * A kernel refuses the work a scenario gives it (for example an unschedulable real-time task set). The message
 * names the figures that decided it: utilisation, the failing task, its worst-case response time.
 */
public final class AdmissionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AdmissionException(String message) {
        super(message);
    }
}
