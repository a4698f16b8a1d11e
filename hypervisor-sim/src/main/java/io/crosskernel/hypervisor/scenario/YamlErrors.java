package io.crosskernel.hypervisor.scenario;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.SpecVersion;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;

/**
 * Turns what the YAML reader throws into a {@link ScenarioException} at the right place, in the scenario's terms:
 * each hint is about the problem found (a second document gets the {@code ---} hint, an undefined alias does not),
 * and no Java {@code toString} reaches the user.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class YamlErrors {
    private static final Pattern UNDEFINED_ALIAS = Pattern.compile("found undefined alias (.*)");
    private static final Pattern VERSION_DIRECTIVE = Pattern.compile("(?m)^%YAML[ \\t]+(\\S*)");
    /** YAML 1.2 reads at most this many characters as an implicit key ("simple key"). */
    private static final int MAX_SIMPLE_KEY = 1024;
    private static final String SYNTAX_HINT = "check the indentation (spaces, not tabs) and quoting on this line and"
            + " the one above";

    private YamlErrors() {
    }

    static ScenarioException translate(YamlEngineException e, String text, YamlSource source) {
        if (e instanceof YamlVersionException version) {
            return version(version.getSpecVersion(), text, source);
        }
        if (e instanceof ComposerException composer) {
            return composer(composer, source);
        }
        if (e instanceof MarkedYamlEngineException marked) {
            return syntax(marked, text, source);
        }
        return new ScenarioException(new SourcePos(source.file(), 1, 1), "YAML error: " + e.getMessage(),
                "check that the file is one YAML document of 'key: value' lines");
    }

    private static ScenarioException version(SpecVersion version, String text, YamlSource source) {
        Matcher m = VERSION_DIRECTIVE.matcher(text);
        SourcePos pos = m.find() ? TextPosition.of(source.file(), text, m.start())
                : new SourcePos(source.file(), 1, 1);
        return new ScenarioException(pos, "the file declares YAML version " + version.getRepresentation()
                + " ('%YAML " + version.getRepresentation() + "'), which this reader does not know",
                "scenarios are YAML 1.2: remove the '%YAML' line");
    }

    private static ScenarioException composer(ComposerException e, YamlSource source) {
        SourcePos pos = e.getProblemMark().map(source::pos).orElse(new SourcePos(source.file(), 1, 1));
        String problem = e.getProblem();
        if (problem.contains("another document")) {
            return new ScenarioException(pos, "the file holds more than one YAML document",
                    "one scenario per file: remove the '---' line and what follows, or move it to its own file");
        }
        Matcher alias = UNDEFINED_ALIAS.matcher(problem);
        if (alias.matches()) {
            String name = alias.group(1);
            return new ScenarioException(pos, "alias " + Echo.quote("*" + name) + " refers to no anchor",
                    "mark the value to repeat with " + Echo.quote("&" + name) + " before this line, or quote the"
                            + " value if '*' is meant as text");
        }
        return new ScenarioException(pos, "YAML error: " + problem, SYNTAX_HINT);
    }

    private static ScenarioException syntax(MarkedYamlEngineException e, String text, YamlSource source) {
        Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
        SourcePos pos = mark.map(source::pos).orElse(new SourcePos(source.file(), 1, 1));
        String problem = e.getProblem() == null ? "" : e.getProblem();
        Indentation.Explanation explained = null;
        if (mark.isPresent()) {
            int line = mark.get().getLine() + 1;
            int column = mark.get().getColumn();
            if (problem.startsWith("expected <block end>")) {
                explained = Indentation.lessThanAbove(TextPosition.lines(text), line, column);
            } else if (problem.startsWith("mapping values are not allowed")) {
                explained = Indentation.moreThanAbove(TextPosition.lines(text), line, column);
            }
        }
        if (problem.startsWith("could not find expected ':'") && e.getProblemMark().isPresent()
                && e.getContextMark().isPresent()
                && e.getProblemMark().get().getIndex() - e.getContextMark().get().getIndex() > MAX_SIMPLE_KEY) {
            return new ScenarioException(source.pos(e.getContextMark().get()), "this key is longer than "
                    + MAX_SIMPLE_KEY + " characters, the most YAML reads as a key", "keys are short names such as"
                    + " 'duration'; check for a line that lost its ':'");
        }
        if (explained != null) {
            return new ScenarioException(new SourcePos(pos.file(), pos.line(), explained.column()),
                    explained.problem(), explained.hint());
        }
        String context = e.getContext() == null || e.getContext().isEmpty() ? "" : " (" + e.getContext()
                + e.getContextMark().map(m -> " at line " + (m.getLine() + 1)).orElse("") + ")";
        return new ScenarioException(pos, "YAML syntax error: " + problem + context, SYNTAX_HINT);
    }
}
