package io.crosskernel.hypervisor.scenario;

/**
 * Bad input in a scenario file: says where, what is wrong and how to fix it. The CLI prints {@link #getMessage()}
 * on one line and exits with status 2.
 *
 * <p>The problem and the hint pass through {@link Echo#clip}: whatever user text a message repeats, it stays one
 * readable line (invisible characters shown, huge values cut).
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
        this(pos, Clipped.of(problem, hint));
    }

    private ScenarioException(SourcePos pos, Clipped text) {
        super(format(pos, text.problem(), text.hint()));
        this.pos = pos;
        this.problem = text.problem();
        this.hint = text.hint();
    }

    /** The problem and hint after {@link Echo#clip}. */
    private record Clipped(String problem, String hint) {
        static Clipped of(String problem, String hint) {
            return new Clipped(Echo.clip(problem), hint == null ? null : Echo.clip(hint));
        }
    }

    /** {@code file:line:column: problem (hint)}: the one format of a scenario error, and of a warning's text. */
    static String format(SourcePos pos, String problem, String hint) {
        return pos + ": " + problem + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")");
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
