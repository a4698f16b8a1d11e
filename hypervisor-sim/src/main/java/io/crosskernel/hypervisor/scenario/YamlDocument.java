package io.crosskernel.hypervisor.scenario;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a scenario's text into one YAML node tree, within {@link ScenarioLimits}.
 *
 * <p>Two passes: the first walks the parser's event stream, which needs no recursion, and refuses nesting deeper
 * than {@link ScenarioLimits#MAX_NESTING_DEPTH} and explicit tags; only then does the composer, which recurses once
 * per level, build the tree. So 10 000 nested brackets are an error at the 65th, not a {@code StackOverflowError}.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class YamlDocument {
    private static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

    private YamlDocument() {
    }

    /**
     * @return the root node of the one document in {@code text}
     * @throws ScenarioException for a YAML error, a file that is too deep or uses tags, or an empty file
     */
    static Node read(String text, YamlSource source) {
        if (text.length() > ScenarioLimits.MAX_FILE_BYTES) {
            throw ScenarioLimits.tooLarge(source.file(), "the scenario is longer than");
        }
        YamlCharacters.check(text, source.file());
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.file() == null ? "<scenario>" : source.file().toString())
                .setAllowDuplicateKeys(false)
                .setUseMarks(true)
                // A list or mapping used as a key is reported by YamlMap at the key, not by the composer at 1:1.
                .setAllowNonScalarKeys(true)
                .setCodePointLimit(ScenarioLimits.MAX_FILE_BYTES + 1)
                .build();
        Optional<Node> root;
        try {
            checkEvents(new Parse(settings).parseString(text), source);
            root = new Compose(settings).composeString(text);
        } catch (YamlEngineException e) {
            throw YamlErrors.translate(e, text, source);
        }
        if (root.isEmpty()) {
            throw new ScenarioException(new SourcePos(source.file(), 1, 1), "the scenario file is empty",
                    "a scenario needs at least 'kernels:' and 'workload:'; see docs/SCENARIOS.md");
        }
        return root.get();
    }

    private static void checkEvents(Iterable<Event> events, YamlSource source) {
        int depth = 0;
        for (Event event : events) {
            switch (event.getEventId()) {
                case MappingStart:
                case SequenceStart:
                    tag(((CollectionStartEvent) event).getTag(), event, source);
                    if (++depth > ScenarioLimits.MAX_NESTING_DEPTH) {
                        throw new ScenarioException(pos(event, source), "lists and mappings nest more than "
                                + ScenarioLimits.MAX_NESTING_DEPTH + " levels deep here, the limit for a scenario",
                                "a scenario needs about five levels: look for an unclosed '[' or '{', or"
                                        + " indentation that keeps growing");
                    }
                    break;
                case MappingEnd:
                case SequenceEnd:
                    depth--;
                    break;
                case Scalar:
                    tag(((ScalarEvent) event).getTag(), event, source);
                    break;
                default:
                    break;
            }
        }
    }

    /** Tags would change what a value means ({@code !include}, {@code !!binary}) where the reader cannot follow. */
    private static void tag(Optional<String> tag, Event event, YamlSource source) {
        if (tag.isPresent()) {
            String written = tag.get().startsWith(CORE_TAG_PREFIX)
                    ? "!!" + tag.get().substring(CORE_TAG_PREFIX.length()) : tag.get();
            throw new ScenarioException(pos(event, source), "YAML tags are not supported, found "
                    + Echo.quote(written), "remove the tag: a scenario is one self-contained file and each value"
                    + " is read as the text written; quote a value to keep it as text");
        }
    }

    private static SourcePos pos(Event event, YamlSource source) {
        Optional<Mark> mark = event.getStartMark();
        return mark.map(source::pos).orElse(new SourcePos(source.file(), 1, 1));
    }
}
