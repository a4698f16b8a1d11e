package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Finds a value of a scenario file by its path, and replaces it before the file is read ({@link KeyOverride}).
 *
 * <p>A path is the keys from the top of the file to the value, joined by dots. List items are named: a kernel or a
 * workload by its {@code name} ({@code kernels.rt.settings.spinAhead}, {@code workload.orders.stream.rate}), a link
 * by {@code FROM->TO} ({@code channels.links.ingest->worker.capacity}), a stage by its kernel when only one stage of
 * the route runs there ({@code workload.orders.stages.worker.cost}), and any item by its index from 0
 * ({@code workload.orders.stages.1.cost}). A path whose first key is not a top-level key starts at the kernel or
 * workload of that name: {@code orders.stream.rate} is {@code workload.orders.stream.rate}.
 *
 * <p>Only values written in the file can be found: a key left to its default has no place to replace. Every problem
 * is a {@link ScenarioException} at the nearest place the path reached, naming the nearest paths that exist.
 *
 * <p>Threading: stateless; the node tree it is given is confined to the parsing thread.
 */
public final class ScenarioKeys {
    private static final int MAX_SUGGESTIONS = 6;

    private ScenarioKeys() {
    }

    /**
     * Finds {@code path} in {@code file}.
     *
     * @throws ScenarioException when the file cannot be read, or the path does not name a single value in it
     */
    public static ScenarioKey find(Path file, String path) {
        YamlSource source = new YamlSource(file);
        Node root = YamlDocument.read(ScenarioFile.read(file), source);
        Slot slot = resolve(root, source, path);
        return new ScenarioKey(slot.path, ((ScalarNode) slot.value()).getValue(), source.pos(slot.value()));
    }

    /**
     * Every value written in {@code file}, in file order, by its canonical path.
     *
     * @throws ScenarioException when the file cannot be read
     */
    public static List<ScenarioKey> values(Path file) {
        YamlSource source = new YamlSource(file);
        Node root = YamlDocument.read(ScenarioFile.read(file), source);
        List<ScenarioKey> keys = new ArrayList<>();
        for (String path : valuePaths(root)) {
            Slot slot;
            try {
                slot = resolve(root, source, path);
            } catch (ScenarioException e) {
                continue; // an item only its index names, written where another item's name is expected
            }
            keys.add(new ScenarioKey(slot.path, ((ScalarNode) slot.value()).getValue(), source.pos(slot.value())));
        }
        return keys;
    }

    /** Replaces each override's value in the tree under {@code root}, in order. */
    static void apply(Node root, YamlSource source, List<KeyOverride> overrides) {
        for (KeyOverride override : overrides) {
            resolve(root, source, override.path()).replace(override.value());
        }
    }

    /**
     * Every path of a value written in the tree, in file order (the short form is not listed: each value once).
     * Shared nodes (YAML aliases) are listed where they are first met only.
     */
    static List<String> valuePaths(Node root) {
        List<String> paths = new ArrayList<>();
        collect(root, "", paths, new IdentityHashMap<>());
        return paths;
    }

    private static void collect(Node node, String path, List<String> paths, Map<Node, Boolean> seen) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node.getNodeType() == NodeType.SCALAR) {
            if (!path.isEmpty() && !YamlSource.isNull(node)) {
                paths.add(path);
            }
            return;
        }
        if (node.getNodeType() == NodeType.MAPPING) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    collect(tuple.getValueNode(), join(path, key.getValue()), paths, seen);
                }
            }
            return;
        }
        List<Node> items = ((SequenceNode) node).getValue();
        for (int i = 0; i < items.size(); i++) {
            collect(items.get(i), join(path, itemName(items, i)), paths, seen);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Walks {@code path} from the top of the file to a single written value. */
    private static Slot resolve(Node root, YamlSource source, String path) {
        if (path == null || path.isBlank()) {
            throw new ScenarioException(new SourcePos(source.file(), 1, 1), "the key path is empty",
                    "name a value by its keys, for example workload.orders.stream.rate");
        }
        String[] keys = path.strip().split("\\.", -1);
        if (root.getNodeType() != NodeType.MAPPING) {
            throw source.error(root, "the top level of a scenario must be a mapping", null);
        }
        Node node = root;
        String walked = "";
        int first = 0;
        if (!ScenarioParser.TOP_KEYS.contains(keys[0])) {
            Located named = namedEntry((MappingNode) root, keys[0]);
            if (named == null) {
                String typo = namedTypo((MappingNode) root, keys[0]);
                throw unknown(source, root, typo == null ? "" : typo, typo == null ? keys[0] : null, path,
                        valuePaths(root), "no top-level key, kernel or workload is called '" + keys[0] + "'");
            }
            node = named.node;
            walked = named.path;
            first = 1;
        }
        Slot slot = null;
        for (int k = first; k < keys.length; k++) {
            String key = keys[k];
            if (key.isEmpty()) {
                throw source.error(node, "the key path '" + path + "' has an empty key", "separate keys by one dot");
            }
            slot = step(source, node, walked, key, path, root);
            node = slot.value();
            walked = slot.path;
        }
        if (slot == null) {
            throw source.error(node, "'" + path + "' names a whole " + (node.getNodeType() == NodeType.MAPPING
                    ? "entry" : "list") + ", not a value", suggestions(valuePaths(root), walked, null, null));
        }
        if (node.getNodeType() != NodeType.SCALAR || YamlSource.isNull(node)) {
            throw source.error(node, "'" + path + "' is " + source.describe(node) + ", not a single value",
                    suggestions(valuePaths(root), walked, null, null));
        }
        return slot;
    }

    /** One step down from {@code node} by {@code key}. */
    private static Slot step(YamlSource source, Node node, String walked, String key, String path, Node root) {
        if (node.getNodeType() == NodeType.MAPPING) {
            List<NodeTuple> tuples = ((MappingNode) node).getValue();
            for (int i = 0; i < tuples.size(); i++) {
                Node keyNode = tuples.get(i).getKeyNode();
                if (keyNode instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return new Slot(node, i, join(walked, key));
                }
            }
            throw unknown(source, node, walked, key, path, valuePaths(root), "there is no key '" + key + "'"
                    + (walked.isEmpty() ? "" : " under '" + walked + "'") + " in the file");
        }
        if (node.getNodeType() == NodeType.SEQUENCE) {
            List<Node> items = ((SequenceNode) node).getValue();
            int index = itemIndex(items, key);
            if (index < 0) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    names.add(itemName(items, i));
                }
                throw source.error(node, "'" + walked + "' has no item '" + key + "'",
                        DidYouMean.hint(key, names, "items"));
            }
            return new Slot(node, index, join(walked, itemName(items, index)));
        }
        throw source.error(node, "'" + walked + "' is " + source.describe(node) + ": it has no key '" + key + "'",
                suggestions(valuePaths(root), walked, null, null));
    }

    private static ScenarioException unknown(YamlSource source, Node at, String walked, String key, String path,
            List<String> valuePaths, String problem) {
        String[] keys = path.strip().split("\\.");
        return source.error(at, "no value '" + path + "' to set: " + problem + "; only values written in the file"
                + " can be set", suggestions(valuePaths, walked, key, keys[keys.length - 1]));
    }

    /**
     * The paths nearest to a wrong one, at most {@link #MAX_SUGGESTIONS}: under {@code walked}, those whose next key
     * is a typo of {@code key}; else those under it that end with (or pass through) {@code last}, the path's last
     * key; else those anywhere that end with it; else every value under {@code walked}.
     *
     * @param key  the key that was not found, or null when the path named something that is not a value
     * @param last the last key of the path asked for
     */
    private static String suggestions(List<String> valuePaths, String walked, String key, String last) {
        String prefix = walked.isEmpty() ? "" : walked + ".";
        List<String> under = new ArrayList<>();
        for (String candidate : valuePaths) {
            if (candidate.startsWith(prefix)) {
                under.add(candidate);
            }
        }
        List<String> near = new ArrayList<>();
        if (key != null) {
            List<String> nextKeys = new ArrayList<>();
            for (String candidate : under) {
                String next = candidate.substring(prefix.length()).split("\\.", 2)[0];
                if (!nextKeys.contains(next)) {
                    nextKeys.add(next);
                }
            }
            String typo = DidYouMean.suggest(key, nextKeys);
            List<String> corrected = new ArrayList<>();
            for (String candidate : under) {
                if (typo != null && (candidate.equals(prefix + typo) || candidate.startsWith(prefix + typo + "."))) {
                    corrected.add(candidate);
                }
            }
            // orders.strem.rate: of what is under the corrected key, what ends like the path asked for.
            near = key.equals(last) ? corrected : endingWith(corrected, last);
            if (near.isEmpty()) {
                near = corrected;
            }
        }
        if (near.isEmpty() && last != null) {
            near = endingWith(under, last);
            if (near.isEmpty()) {
                near = endingWith(valuePaths, last);
            }
        }
        if (near.isEmpty()) {
            near = under.isEmpty() ? valuePaths : under;
        }
        if (near.isEmpty()) {
            return "the file writes no values";
        }
        List<String> shown = near.subList(0, Math.min(MAX_SUGGESTIONS, near.size()));
        return near.size() == 1 ? "did you mean '" + near.get(0) + "'?" : "nearest values: "
                + String.join(", ", shown) + (near.size() > shown.size() ? ", ... (" + near.size() + " in all)" : "");
    }

    private static List<String> endingWith(List<String> paths, String last) {
        List<String> found = new ArrayList<>();
        for (String candidate : paths) {
            if (candidate.endsWith("." + last) || candidate.equals(last)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** A kernel's or workload's path ({@code workload.orders}) whose name is a typo of {@code name}, or null. */
    private static String namedTypo(MappingNode root, String name) {
        List<String> names = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String section : List.of("kernels", "workload")) {
            for (NodeTuple tuple : root.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(section)
                        && tuple.getValueNode() instanceof SequenceNode list) {
                    for (Node item : list.getValue()) {
                        String itemName = field(item, "name");
                        if (itemName != null) {
                            names.add(itemName);
                            paths.add(section + "." + itemName);
                        }
                    }
                }
            }
        }
        String typo = DidYouMean.suggest(name, names);
        return typo == null ? null : paths.get(names.indexOf(typo));
    }

    /** The kernel or workload called {@code name}, for the short form of a path. */
    private static Located namedEntry(MappingNode root, String name) {
        for (String section : List.of("kernels", "workload")) {
            for (NodeTuple tuple : root.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(section)
                        && tuple.getValueNode() instanceof SequenceNode list) {
                    int index = itemIndex(list.getValue(), name);
                    if (index >= 0 && !isIndex(name)) {
                        return new Located(list.getValue().get(index), section + "." + name);
                    }
                }
            }
        }
        return null;
    }

    private static boolean isIndex(String key) {
        return key.matches("[0-9]{1,9}");
    }

    /** The item {@code key} names: by index, by {@code name}, by {@code FROM->TO}, or by its only {@code kernel}. */
    private static int itemIndex(List<Node> items, String key) {
        if (isIndex(key)) {
            int index = Integer.parseInt(key);
            return index < items.size() ? index : -1;
        }
        for (int i = 0; i < items.size(); i++) {
            if (key.equals(field(items.get(i), "name")) || key.equals(link(items.get(i)))) {
                return i;
            }
        }
        int found = -1;
        for (int i = 0; i < items.size(); i++) {
            if (key.equals(field(items.get(i), "kernel"))) {
                if (found >= 0) {
                    return -1; // two stages on that kernel: only the index tells them apart
                }
                found = i;
            }
        }
        return found;
    }

    /** How a path names the {@code i}-th item: its name, its link, its only kernel, or its index. */
    private static String itemName(List<Node> items, int i) {
        Node item = items.get(i);
        String name = field(item, "name");
        if (name != null && isPlainKey(name)) {
            return name;
        }
        String link = link(item);
        if (link != null && isPlainKey(link)) {
            return link;
        }
        String kernel = field(item, "kernel");
        if (kernel != null && isPlainKey(kernel) && itemIndex(items, kernel) == i) {
            return kernel;
        }
        return Integer.toString(i);
    }

    private static boolean isPlainKey(String name) {
        return !name.isEmpty() && !name.contains(".") && !isIndex(name);
    }

    private static String link(Node item) {
        String from = field(item, "from");
        String to = field(item, "to");
        return from == null || to == null ? null : from + "->" + to;
    }

    /** The text of {@code item}'s scalar {@code key}, or null. */
    private static String field(Node item, String key) {
        if (!(item instanceof MappingNode mapping)) {
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                    && tuple.getValueNode() instanceof ScalarNode v && !YamlSource.isNull(v)) {
                return v.getValue();
            }
        }
        return null;
    }

    private record Located(Node node, String path) {
    }

    /** Where a value sits: the {@code index}-th entry of a mapping or item of a list. */
    private record Slot(Node container, int index, String path) {
        Node value() {
            return container instanceof MappingNode mapping ? mapping.getValue().get(index).getValueNode()
                    : ((SequenceNode) container).getValue().get(index);
        }

        /** Puts {@code text} in place of the value, where the file wrote it (errors about it point there). */
        void replace(String text) {
            Node old = value();
            ScalarNode replacement = new ScalarNode(Tag.STR, true, text, ScalarStyle.PLAIN, old.getStartMark(),
                    old.getEndMark());
            if (container instanceof MappingNode mapping) {
                List<NodeTuple> tuples = mapping.getValue();
                tuples.set(index, new NodeTuple(tuples.get(index).getKeyNode(), replacement));
            } else {
                ((SequenceNode) container).getValue().set(index, replacement);
            }
        }
    }
}
