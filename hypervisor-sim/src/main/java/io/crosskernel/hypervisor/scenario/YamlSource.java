package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
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
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]+");

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
                return "the value " + Echo.quote(((ScalarNode) node).getValue());
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

    /**
     * A whole number in {@code min..max}. Quoting does not matter ({@code seed: "12"} is 12, as every value is read
     * as the text written); {@code _} may separate digits.
     */
    long integer(Node node, String what, long min, long max) {
        String written = text(node, what).trim();
        String digits = written.replace("_", "");
        boolean wholeRange = min == Long.MIN_VALUE && max == Long.MAX_VALUE;
        String range = wholeRange ? "the 64-bit range " + min + ".." + max : min + ".." + max;
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            throw error(node, what + " must be a whole number, found " + Echo.quote(written), wholeRange
                    ? "write digits only, for example 42" : "write digits only, between " + min + " and " + max);
        }
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // Only the length can fail a string of digits: it does not fit in 64 bits.
            throw error(node, what + " is " + Echo.visible(written) + ", outside " + range,
                    "use a whole number in that range");
        }
        if (value < min || value > max) {
            throw error(node, what + " is " + value + ", outside " + range, "use a value between " + min + " and "
                    + max);
        }
        return value;
    }

    /** {@code true} or {@code false} in any case, quoted or not; YAML 1.1's {@code yes}, {@code on} are refused. */
    boolean bool(Node node, String what) {
        String text = text(node, what).trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return true;
        }
        if (lower.equals("false")) {
            return false;
        }
        throw error(node, what + " must be true or false, found " + Echo.quote(text), "write true or false");
    }

    /**
     * @return the choice written, lower-cased (choices are case-insensitive: {@code EDF} is {@code edf}); an error
     *     listing the choices otherwise
     */
    String choice(Node node, String what, List<String> choices) {
        String text = text(node, what).trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (choices.contains(lower)) {
            return lower;
        }
        throw error(node, "unknown " + what + " " + Echo.quote(text), DidYouMean.hint(text, choices, "values"));
    }
}
