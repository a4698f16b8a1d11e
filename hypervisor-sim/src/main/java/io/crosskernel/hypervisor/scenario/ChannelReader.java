package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.hypervisor.channel.LinkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code channels:} into the list of directed links to build.
 *
 * <p>Threading: one instance per parse, confined to the parsing thread.
 */
final class ChannelReader {
    static final List<String> CHANNEL_KEYS = List.of("topology", "capacity", "backpressure", "links");
    static final List<String> LINK_KEYS = List.of("from", "to", "capacity", "backpressure");
    static final List<String> TOPOLOGIES = List.of("full-mesh", "explicit");
    static final int DEFAULT_CAPACITY = 1024;
    /** 262 144 messages: a 16 MiB ring (64 bytes a message, off-heap), far more than any backlog worth queueing. */
    static final int MAX_CAPACITY = 262_144;

    /**
     * The links of a run.
     *
     * @param explicit true when only the listed links exist
     * @param links    one per ordered kernel pair that has a channel
     */
    record Channels(boolean explicit, List<LinkSpec> links) {
        boolean has(int fromKernel, int toKernel) {
            for (LinkSpec link : links) {
                if (link.fromKernel() == fromKernel && link.toKernel() == toKernel) {
                    return true;
                }
            }
            return false;
        }
    }

    private final YamlSource source;
    private final List<KernelDecl> kernels;
    private final Map<String, KernelDecl> byName = new LinkedHashMap<>();

    ChannelReader(YamlSource source, List<KernelDecl> kernels) {
        this.source = source;
        this.kernels = kernels;
        kernels.forEach(k -> byName.put(k.name(), k));
    }

    /** @param node the value of {@code channels:}, or null when absent */
    Channels read(Node node) {
        boolean explicit = false;
        int capacity = DEFAULT_CAPACITY;
        BackpressurePolicy policy = BackpressurePolicy.RETRY;
        List<Node> linkNodes = List.of();
        if (node != null) {
            YamlMap map = source.map(node, "'channels'", CHANNEL_KEYS);
            if (map.has("topology")) {
                explicit = source.choice(map.get("topology"), "topology", TOPOLOGIES).equals("explicit");
            }
            if (map.has("capacity")) {
                capacity = capacity(map.get("capacity"));
            }
            if (map.has("backpressure")) {
                policy = policy(map.get("backpressure"));
            }
            if (map.has("links")) {
                linkNodes = source.list(map.get("links"), "'links'", "'- {from: ingest, to: worker}'");
            }
        }
        Map<String, LinkSpec> overrides = new LinkedHashMap<>();
        Map<String, Node> overrideNodes = new HashMap<>();
        for (Node linkNode : linkNodes) {
            LinkSpec link = link(linkNode, capacity, policy);
            Node first = overrideNodes.putIfAbsent(link.label(), linkNode);
            if (first != null) {
                throw source.error(linkNode, "duplicate link " + link.fromName() + " -> " + link.toName(),
                        "it is already listed at line " + source.pos(first).line() + "; keep one of them");
            }
            overrides.put(link.label(), link);
        }
        if (explicit) {
            return new Channels(true, List.copyOf(overrides.values()));
        }
        List<LinkSpec> links = new ArrayList<>();
        for (KernelDecl from : kernels) {
            for (KernelDecl to : kernels) {
                if (from.id() != to.id()) {
                    LinkSpec fallback = new LinkSpec(from.id(), from.name(), to.id(), to.name(), capacity, policy);
                    links.add(overrides.getOrDefault(fallback.label(), fallback));
                }
            }
        }
        return new Channels(false, links);
    }

    private LinkSpec link(Node node, int defaultCapacity, BackpressurePolicy defaultPolicy) {
        YamlMap map = source.map(node, "a link", LINK_KEYS);
        KernelDecl from = kernel(map.require("from", "'from: ingest'"), "from");
        KernelDecl to = kernel(map.require("to", "'to: worker'"), "to");
        if (from.id() == to.id()) {
            throw source.error(node, "link from kernel '" + from.name() + "' to itself",
                    "a kernel needs no channel to itself; remove this link");
        }
        int capacity = map.has("capacity") ? capacity(map.get("capacity")) : defaultCapacity;
        BackpressurePolicy policy = map.has("backpressure") ? policy(map.get("backpressure")) : defaultPolicy;
        return new LinkSpec(from.id(), from.name(), to.id(), to.name(), capacity, policy);
    }

    private KernelDecl kernel(Node node, String key) {
        String name = source.text(node, "'" + key + "'").trim();
        KernelDecl kernel = byName.get(name);
        if (kernel == null) {
            throw source.error(node, "link names unknown kernel '" + name + "' in '" + key + "'",
                    DidYouMean.hint(name, byName.keySet(), "kernels"));
        }
        return kernel;
    }

    private int capacity(Node node) {
        return (int) source.integer(node, "'capacity'", 1, MAX_CAPACITY);
    }

    private BackpressurePolicy policy(Node node) {
        try {
            return BackpressurePolicy.fromAlias(source.text(node, "'backpressure'"));
        } catch (IllegalArgumentException e) {
            throw source.error(node, e.getMessage(), "for example 'backpressure: drop-newest'");
        }
    }
}
