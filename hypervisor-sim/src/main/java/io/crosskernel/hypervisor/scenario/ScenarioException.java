package io.crosskernel.hypervisor.scenario;

/**
 * Bad input in a scenario file: says where, what is wrong and how to fix it. The CLI prints {@link #getMessage()}
 * on one line and exits with status 2.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourcePos pos;
    private final String problem;
    private final String hint;

    /**
     * @param pos     where the problem is (never null; use line 1, column 1 for whole-file problems)
     * @param problem what is wrong, e.g. {@code unknown key 'dration'}
     * @param hint    how to fix it, e.g. {@code did you mean 'duration'?}; may be null
     */
    public ScenarioException(SourcePos pos, String problem, String hint) {
        super(pos + ": " + problem + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")"));
        this.pos = pos;
        this.problem = problem;
        this.hint = hint;
    }

    public SourcePos pos() {
        return pos;
    }

    public String problem() {
        return problem;
    }

    public String hint() {
        return hint;
    }
}
