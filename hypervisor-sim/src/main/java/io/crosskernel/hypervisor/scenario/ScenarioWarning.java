package io.crosskernel.hypervisor.scenario;

/**
 * Something in a valid scenario that probably does not do what its author meant (a burst after the end of the
 * run, a deadline no request can meet). {@code xk validate} and {@code xk run} print it as
 * {@code warning: file:line:column: what (how to fix it)}; the run goes ahead.
 *
 * @param pos     where the cause is written
 * @param problem what will happen
 * @param hint    how to change it; may be null
 */
public record ScenarioWarning(SourcePos pos, String problem, String hint) {
    public ScenarioWarning {
        problem = Echo.clip(problem);
        hint = hint == null ? null : Echo.clip(hint);
    }

    /** {@code file:line:column: problem (hint)}, the format of {@link ScenarioException}'s message. */
    @Override
    public String toString() {
        return ScenarioException.format(pos, problem, hint);
    }
}
