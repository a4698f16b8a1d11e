package io.crosskernel.hypervisor.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One YAML mapping whose keys have been checked: every key is a string, none repeats, none is outside the allowed
 * set. Keeps each key's node so errors can point at it.
 *
 * <p>Threading: confined to the parsing thread.
 */
final class YamlMap {
    private final YamlSource source;
    private final Node node;
    private final String what;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /**
     * @param node    a mapping node, or a null scalar (an empty section such as {@code host:} with nothing under it)
     * @param what    how errors name this mapping, e.g. {@code 'host'}
     * @param allowed the keys this mapping may have, in documentation order; null: any key (the caller checks them)
     */
    YamlMap(YamlSource source, Node node, String what, List<String> allowed) {
        this.source = source;
        this.node = node;
        this.what = what;
        if (YamlSource.isNull(node)) {
            return;
        }
        if (node.getNodeType() != NodeType.MAPPING) {
            throw source.error(node, what + " must be a mapping (key: value lines), found " + source.describe(node),
                    "write it as 'key: value' lines indented under it, or as {key: value, ...}");
        }
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getNodeType() != NodeType.SCALAR || YamlSource.isNull(keyNode)) {
                throw source.error(keyNode, "a key in " + what + " must be a plain name, found "
                        + source.describe(keyNode), allowed == null ? "write a plain name"
                        : "valid keys: " + String.join(", ", allowed));
            }
            String key = ((ScalarNode) keyNode).getValue();
            NodeTuple first = entries.get(key);
            if (first != null) {
                throw source.error(keyNode, "duplicate key " + Echo.quote(key) + " in " + what,
                        "it is already set at line " + source.pos(first.getKeyNode()).line() + "; keep one of them");
            }
            if (allowed != null && !allowed.contains(key)) {
                throw source.error(keyNode, "unknown key " + Echo.quote(key) + " in " + what,
                        invisibleNote(key) + DidYouMean.hint(key, allowed, "keys"));
            }
            entries.put(key, tuple);
        }
    }

    /** Says so when a key holds a character that does not show: the echo alone would look like a valid key. */
    private static String invisibleNote(String key) {
        int invisible = Echo.firstInvisible(key);
        return invisible < 0 ? "" : "it contains the invisible character " + Echo.name(invisible) + ": delete it; ";
    }

    /** The mapping's own node: errors about missing keys point here. */
    Node node() {
        return node;
    }

    String what() {
        return what;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** @return the value of {@code key}, or null when it is not written */
    Node get(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** @return the key node of {@code key}, or null when it is not written */
    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** @return the value of {@code key}; an error at this mapping when the key is not written */
    Node require(String key, String example) {
        Node value = get(key);
        if (value == null) {
            throw source.error(node, what + " is missing the required key '" + key + "'", "add it, for example "
                    + example);
        }
        return value;
    }

    /** The keys written, in file order. */
    Iterable<String> keys() {
        return entries.keySet();
    }
}
