package io.crosskernel.hypervisor.scenario;

import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a scenario's {@code sim:} section (docs/SCENARIOS.md): the faults a simulated run injects.
 *
 * <pre>
 * sim:
 *   faults:
 *     - {fault: stall, core: 1, at: 2s, for: 5ms}
 *     - {fault: crash, kernel: worker, at: 3s}
 *     - {fault: delay, from: ingest, to: worker, at: 1s, for: 100ms, by: 50us}
 *     - {fault: drop, from: ingest, to: worker, at: 1s, for: 10ms}
 * </pre>
 *
 * <p>Threading: confined to the parsing thread.
 */
final class SimSectionReader {
    static final List<String> SIM_KEYS = List.of("faults");
    static final List<String> FAULTS = List.of("stall", "crash", "delay", "drop");
    static final List<String> FAULT_KEYS = List.of("fault", "core", "kernel", "from", "to", "at", "for", "by");
    private static final String EXAMPLE = "'- {fault: stall, core: 1, at: 2s, for: 5ms}'";

    private final YamlSource source;
    private final List<KernelDecl> kernels;
    private final List<LinkSpec> links;

    SimSectionReader(YamlSource source, List<KernelDecl> kernels, List<LinkSpec> links) {
        this.source = source;
        this.kernels = kernels;
        this.links = links;
    }

    /** @param node the {@code sim:} value, or null when the scenario has none */
    List<SimFault> read(Node node) {
        if (node == null || YamlSource.isNull(node)) {
            return List.of();
        }
        YamlMap sim = source.map(node, "'sim'", SIM_KEYS);
        List<SimFault> faults = new ArrayList<>();
        if (sim.has("faults")) {
            for (Node entry : source.list(sim.get("faults"), "'sim.faults'", EXAMPLE)) {
                faults.add(fault(entry));
            }
        }
        return faults;
    }

    private SimFault fault(Node node) {
        YamlMap probe = source.map(node, "a fault", FAULT_KEYS);
        String kind = source.choice(probe.require("fault", EXAMPLE), "fault", FAULTS);
        long at = source.duration(probe.require("at", "'at: 2s'"), "'at'", "'at: 2s'");
        switch (kind) {
            case "stall": {
                only(node, "a stall", List.of("fault", "core", "at", "for"));
                Node coreNode = probe.require("core", "'core: 1'");
                int core = (int) source.integer(coreNode, "'core'", 0, Integer.MAX_VALUE);
                boolean used = kernels.stream().anyMatch(k -> k.cores().contains(core));
                if (!used) {
                    throw source.error(coreNode, "no kernel of this scenario runs on core " + core,
                            "stall a core one of the kernels names in 'cores:'");
                }
                return new SimFault.Stall(core, at, positive(probe, "for", "'for: 5ms'"));
            }
            case "crash": {
                only(node, "a crash", List.of("fault", "kernel", "at"));
                KernelDecl kernel = kernel(probe.require("kernel", "'kernel: worker'"));
                return new SimFault.Crash(kernel.id(), kernel.name(), at);
            }
            case "delay": {
                only(node, "a delay", List.of("fault", "from", "to", "at", "for", "by"));
                LinkSpec link = link(probe);
                return new SimFault.Delay(link.fromKernel(), link.toKernel(), link.label(), at,
                        positive(probe, "for", "'for: 100ms'"), positive(probe, "by", "'by: 50us'"));
            }
            default: {
                only(node, "a drop", List.of("fault", "from", "to", "at", "for"));
                LinkSpec link = link(probe);
                return new SimFault.Drop(link.fromKernel(), link.toKernel(), link.label(), at,
                        positive(probe, "for", "'for: 10ms'"));
            }
        }
    }

    private void only(Node node, String what, List<String> keys) {
        source.map(node, what, keys);
    }

    private long positive(YamlMap map, String key, String example) {
        return source.positiveDuration(map.require(key, example), "'" + key + "'", example);
    }

    private KernelDecl kernel(Node node) {
        String name = source.text(node, "'kernel'").trim();
        for (KernelDecl kernel : kernels) {
            if (kernel.name().equals(name)) {
                return kernel;
            }
        }
        throw source.error(node, "there is no kernel " + Echo.quote(name),
                DidYouMean.hint(name, kernels.stream().map(KernelDecl::name).toList(), "kernels"));
    }

    private LinkSpec link(YamlMap map) {
        KernelDecl from = kernel(map.require("from", "'from: ingest'"));
        Node toNode = map.require("to", "'to: worker'");
        KernelDecl to = kernel(toNode);
        for (LinkSpec link : links) {
            if (link.fromKernel() == from.id() && link.toKernel() == to.id()) {
                return link;
            }
        }
        throw source.error(toNode, "there is no channel " + from.name() + "->" + to.name(),
                "name a pair of kernels that 'channels:' connects");
    }
}
