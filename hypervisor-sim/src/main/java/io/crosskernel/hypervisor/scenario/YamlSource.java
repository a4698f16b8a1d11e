package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The file being parsed, for positions and errors, plus the typed readers every section shares: each turns a node
 * into a value or throws a {@link ScenarioException} at that node.
 *
 * <p>Threading: confined to the parsing thread.
 */
final class YamlSource {
    private final Path file;

    YamlSource(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    SourcePos pos(Node node) {
        return node.getStartMark().map(this::pos).orElse(new SourcePos(file, 1, 1));
    }

    SourcePos pos(Mark mark) {
        return new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    ScenarioException error(Node node, String problem, String hint) {
        return new ScenarioException(pos(node), problem, hint);
    }

    static boolean isNull(Node node) {
        return node.getNodeType() == NodeType.SCALAR && Tag.NULL.equals(node.getTag());
    }

    /** Names a node's kind for "found ..." in messages. */
    String describe(Node node) {
        if (isNull(node)) {
            return "nothing";
        }
        switch (node.getNodeType()) {
            case MAPPING:
                return "a mapping";
            case SEQUENCE:
                return "a list";
            default:
                return "the value '" + ((ScalarNode) node).getValue() + "'";
        }
    }

    YamlMap map(Node node, String what, List<String> allowed) {
        return new YamlMap(this, node, what, allowed);
    }

    /** @return the elements of a list node; a null node (written with nothing after the colon) is an empty list */
    List<Node> list(Node node, String what, String example) {
        if (isNull(node)) {
            return List.of();
        }
        if (node.getNodeType() != NodeType.SEQUENCE) {
            throw error(node, what + " must be a list, found " + describe(node),
                    "write one '- ' line per entry, for example " + example);
        }
        return ((org.snakeyaml.engine.v2.nodes.SequenceNode) node).getValue();
    }

    /** @return the text of a scalar node */
    String text(Node node, String what) {
        if (isNull(node)) {
            throw error(node, what + " has no value", "write a value after the colon");
        }
        if (node.getNodeType() != NodeType.SCALAR) {
            throw error(node, what + " must be a single value, found " + describe(node),
                    "write a plain value such as 'name: ingest', not a list or a mapping");
        }
        return ((ScalarNode) node).getValue();
    }

    long duration(Node node, String what, String example) {
        String text = text(node, what);
        try {
            return io.crosskernel.api.Units.parseDurationNanos(text);
        } catch (IllegalArgumentException e) {
            throw error(node, e.getMessage(), "for example " + example);
        }
    }

    long positiveDuration(Node node, String what, String example) {
        long nanos = duration(node, what, example);
        if (nanos <= 0) {
            throw error(node, what + " must be greater than zero", "for example " + example);
        }
        return nanos;
    }

    long integer(Node node, String what, long min, long max) {
        String text = text(node, what).trim().replace("_", "");
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, found '" + text + "'", min == Long.MIN_VALUE
                    ? "write digits only, for example 42" : "write digits only, between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw error(node, what + " is " + value + ", outside " + min + ".." + max,
                    "use a value between " + min + " and " + max);
        }
        return value;
    }

    boolean bool(Node node, String what) {
        String text = text(node, what).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw error(node, what + " must be true or false, found '" + text + "'", "write true or false");
    }

    /** @return the choice written, lower-cased; an error listing the choices otherwise */
    String choice(Node node, String what, List<String> choices) {
        String text = text(node, what).trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (choices.contains(lower)) {
            return lower;
        }
        throw error(node, "unknown " + what + " '" + text + "'", DidYouMean.hint(text, choices, "values"));
    }
}
