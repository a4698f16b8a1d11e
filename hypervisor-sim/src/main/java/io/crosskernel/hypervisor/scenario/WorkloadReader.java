package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.Units;
import io.crosskernel.api.workload.ArrivalSchedule;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.ConstantRateSchedule;
import io.crosskernel.api.workload.PoissonSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code workload:} into routes with their arrival schedules, and checks that every hop between kernels has a
 * channel.
 *
 * <p>Threading: one instance per parse, confined to the parsing thread.
 */
final class WorkloadReader {
    static final List<String> KINDS = List.of("periodic", "stream", "burst", "ingress");
    static final List<String> ENTRY_KEYS = List.of("name", "periodic", "stream", "burst", "ingress", "stages",
            "deadline", "kernel", "cost", "weight", "failEvery", "op", "size");
    static final List<String> STAGE_KEYS = List.of("kernel", "cost", "weight", "failEvery", "op", "size");
    static final List<String> INGRESS_KEYS = List.of("protocol");
    static final List<String> PROTOCOLS = List.of("udp", "tcp");
    static final List<String> PERIODIC_KEYS = List.of("period", "offset", "deadline");
    static final List<String> STREAM_KEYS = List.of("rate", "arrival");
    static final List<String> BURST_KEYS = List.of("at", "count", "every");
    static final List<String> ARRIVALS = List.of("poisson", "constant");
    static final int MAX_WEIGHT = 1_000_000;
    /** One request a nanosecond: the shortest period a constant stream has. */
    static final double MAX_CONSTANT_RATE = 1e9;
    /** How far a constant stream's real rate may be from the rate written before the reader warns. */
    static final double RATE_TOLERANCE = 0.01;

    private final YamlSource source;
    private final Map<String, KernelDecl> kernels = new LinkedHashMap<>();
    private final ChannelReader.Channels channels;
    private final long seed;
    private final List<ScenarioWarning> warnings;

    /** @param warnings where the reader adds what it finds questionable but valid */
    WorkloadReader(YamlSource source, List<KernelDecl> kernels, ChannelReader.Channels channels, long seed,
            List<ScenarioWarning> warnings) {
        this.source = source;
        kernels.forEach(k -> this.kernels.put(k.name(), k));
        this.channels = channels;
        this.seed = seed;
        this.warnings = warnings;
    }

    List<WorkloadDecl> read(Node node) {
        String example = "'- {name: orders, stream: {rate: 1k/s}, kernel: ingest, cost: 2us}'";
        List<Node> entries = source.list(node, "'workload'", example);
        if (entries.isEmpty()) {
            throw source.error(node, "'workload' needs at least one entry", "add one, for example " + example);
        }
        List<WorkloadDecl> workloads = new ArrayList<>();
        Map<String, Node> nameNodes = new HashMap<>();
        for (Node entry : entries) {
            workloads.add(entry(entry, workloads.size(), nameNodes));
        }
        return workloads;
    }

    private WorkloadDecl entry(Node node, int routeId, Map<String, Node> nameNodes) {
        YamlMap map = source.map(node, "workload entry #" + (routeId + 1), ENTRY_KEYS);
        Node nameNode = map.require("name", "'name: orders'");
        String name = ScenarioParser.name(source, nameNode, "workload");
        Node first = nameNodes.putIfAbsent(name, nameNode);
        if (first != null) {
            throw source.error(nameNode, "duplicate workload name '" + name + "'", "workload names must be unique; '"
                    + name + "' is already used at line " + source.pos(first).line());
        }
        if (kernels.containsKey(name)) {
            throw source.error(nameNode, "workload name '" + name + "' is also a kernel name",
                    "rename one of them: expectations such as '" + name + ".completed' must name one thing");
        }
        String what = "workload '" + name + "'";
        String kind = kind(map, what);
        Stages stages = stages(map, what);
        checkHops(map, stages.stages(), what);

        long deadline;
        Node deadlineNode;
        ArrivalSchedule schedule;
        Node kindNode = map.get(kind);
        Node releaseNode = map.keyNode(kind);
        switch (kind) {
            case "periodic": {
                if (map.has("deadline")) {
                    throw source.error(map.keyNode("deadline"), "the deadline of periodic " + what
                            + " belongs inside 'periodic'", "write 'periodic: {period: 1ms, deadline: 1ms}'");
                }
                YamlMap periodic = source.map(kindNode, "'periodic'", PERIODIC_KEYS);
                Node periodNode = periodic.require("period", "'period: 1ms'");
                long period = source.positiveDuration(periodNode, "'period'", "'period: 1ms'");
                long offset = periodic.has("offset")
                        ? source.duration(periodic.get("offset"), "'offset'", "'offset: 100us'") : 0;
                deadline = periodic.has("deadline")
                        ? source.duration(periodic.get("deadline"), "'deadline'", "'deadline: 1ms'") : period;
                deadlineNode = periodic.has("deadline") ? periodic.get("deadline") : periodNode;
                releaseNode = periodic.has("offset") ? periodic.get("offset") : releaseNode;
                schedule = new ConstantRateSchedule(period, offset, Long.MAX_VALUE);
                break;
            }
            case "stream": {
                YamlMap stream = source.map(kindNode, "'stream'", STREAM_KEYS);
                Node rateNode = stream.require("rate", "'rate: 20k/s'");
                double rate = rate(rateNode);
                String arrival = stream.has("arrival")
                        ? source.choice(stream.get("arrival"), "arrival process", ARRIVALS) : "poisson";
                schedule = arrival.equals("constant") ? constantRate(rateNode, rate, name)
                        : new PoissonSchedule(rate, streamSeed(seed, routeId), 0, Long.MAX_VALUE);
                releaseNode = rateNode;
                deadline = entryDeadline(map);
                deadlineNode = map.get("deadline");
                break;
            }
            case "ingress": {
                YamlMap ingress = source.map(kindNode, "'ingress'", INGRESS_KEYS);
                schedule = new ExternalArrivals(source.choice(ingress.require("protocol", "'protocol: udp'"),
                        "ingress protocol", PROTOCOLS));
                deadline = entryDeadline(map);
                deadlineNode = map.get("deadline");
                break;
            }
            default: {
                YamlMap burst = source.map(kindNode, "'burst'", BURST_KEYS);
                long at = burst.has("at") ? source.duration(burst.get("at"), "'at'", "'at: 2s'") : 0;
                int count = (int) source.integer(burst.require("count", "'count: 5000'"), "'count'", 1,
                        Integer.MAX_VALUE);
                long every = burst.has("every") ? source.duration(burst.get("every"), "'every'", "'every: 1s'") : 0;
                releaseNode = burst.has("at") ? burst.get("at") : releaseNode;
                schedule = new BurstSchedule(at, count, every, Long.MAX_VALUE);
                deadline = entryDeadline(map);
                deadlineNode = map.get("deadline");
                break;
            }
        }
        warnIfDeadlineUnreachable(deadlineNode, deadline, stages.stages(), name);
        return new WorkloadDecl(new Route(routeId, name, kind, stages.stages(), deadline), schedule, source.pos(node),
                stages.positions(), source.pos(releaseNode));
    }

    /**
     * A constant stream releases one request every whole number of nanoseconds: above 1G/s there is no such
     * period, and a rate whose period is far from whole runs noticeably slower or faster than written (a warning).
     */
    private ArrivalSchedule constantRate(Node rateNode, double rate, String name) {
        if (rate > MAX_CONSTANT_RATE) {
            throw source.error(rateNode, "a constant rate of " + Units.formatRate(rate) + " is above 1G/s, the most a"
                    + " constant stream can release (one request a nanosecond)", "use at most 1G/s, or split the"
                    + " stream into several workload entries");
        }
        long period = Math.max(1, Math.round(1e9 / rate));
        double actual = 1e9 / period;
        if (Math.abs(actual - rate) > rate * RATE_TOLERANCE) {
            warnings.add(new ScenarioWarning(source.pos(rateNode), "workload '" + name + "' runs at "
                    + Units.formatRate(actual) + ", not " + Units.formatRate(rate) + ": a constant stream releases a"
                    + " request every whole number of nanoseconds (here every " + Units.formatNanos(period) + ")",
                    "choose a rate whose gap is a whole number of nanoseconds, such as "
                            + Units.formatRate(actual) + ", or use 'arrival: poisson'"));
        }
        return new ConstantRateSchedule(period, 0, Long.MAX_VALUE);
    }

    /** A deadline shorter than the CPU time the stages ask for is missed by every request. */
    private void warnIfDeadlineUnreachable(Node deadlineNode, long deadline, List<Stage> stages, String name) {
        long cost = 0;
        for (Stage stage : stages) {
            cost = stage.costNanos() > Long.MAX_VALUE - cost ? Long.MAX_VALUE : cost + stage.costNanos();
        }
        if (deadline > 0 && deadline < cost && deadlineNode != null) {
            warnings.add(new ScenarioWarning(source.pos(deadlineNode), "every request of workload '" + name
                    + "' will miss its deadline: " + Units.formatNanos(deadline) + " is less than the "
                    + Units.formatNanos(cost) + " of work its stages cost",
                    "make the deadline at least " + Units.formatNanos(cost) + ", or lower the stages' cost"));
        }
    }

    /**
     * The seed of a Poisson stream: the scenario's seed mixed with the route id (SplitMix64's finaliser), so that
     * streams of one run differ from each other but every run of the same file repeats.
     */
    static long streamSeed(long scenarioSeed, int routeId) {
        long z = scenarioSeed + (routeId + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private String kind(YamlMap map, String what) {
        String kind = null;
        for (String key : map.keys()) {
            if (KINDS.contains(key)) {
                if (kind != null) {
                    throw source.error(map.keyNode(key), what + " has both '" + kind + "' and '" + key + "'",
                            "an entry has exactly one of periodic, stream, burst or ingress; split it into two"
                                    + " entries");
                }
                kind = key;
            }
        }
        if (kind == null) {
            throw source.error(map.node(), what + " needs one of 'periodic', 'stream', 'burst' or 'ingress'",
                    "say when requests arrive, for example 'stream: {rate: 1k/s}'");
        }
        return kind;
    }

    private long entryDeadline(YamlMap map) {
        return map.has("deadline") ? source.duration(map.get("deadline"), "'deadline'", "'deadline: 5ms'") : 0;
    }

    private double rate(Node node) {
        try {
            return Units.parseRatePerSecond(source.text(node, "'rate'"));
        } catch (IllegalArgumentException e) {
            throw source.error(node, e.getMessage(), "for example 'rate: 20k/s'");
        }
    }

    /** The stages of one entry and where each is written. */
    private record Stages(List<Stage> stages, List<SourcePos> positions) {
    }

    private Stages stages(YamlMap map, String what) {
        if (map.has("stages")) {
            for (String shorthand : STAGE_KEYS) {
                if (map.has(shorthand)) {
                    throw source.error(map.keyNode(shorthand), what + " has both 'stages' and '" + shorthand
                            + "' at entry level", "move '" + shorthand + "' into the stage it belongs to");
                }
            }
            String example = "'stages: [{kernel: ingest, cost: 2us}]'";
            List<Node> stageNodes = source.list(map.get("stages"), "'stages'", example);
            if (stageNodes.isEmpty()) {
                throw source.error(map.get("stages"), "'stages' of " + what + " is empty",
                        "list at least one stage, for example " + example);
            }
            List<Stage> stages = new ArrayList<>();
            List<SourcePos> positions = new ArrayList<>();
            for (Node stageNode : stageNodes) {
                stages.add(stage(source.map(stageNode, "a stage of " + what, STAGE_KEYS)));
                positions.add(source.pos(stageNode));
            }
            return new Stages(stages, positions);
        }
        if (!map.has("kernel")) {
            for (String shorthand : List.of("cost", "weight", "failEvery", "op", "size")) {
                if (map.has(shorthand)) {
                    throw source.error(map.keyNode(shorthand), "'" + shorthand + "' at entry level of " + what
                            + " needs 'kernel' beside it", "add 'kernel: <name>' or use 'stages:'");
                }
            }
            throw source.error(map.node(), what + " says nothing about where it runs: it needs 'stages' or"
                    + " 'kernel'", "add 'kernel: ingest' for one stage, or 'stages: [{kernel: ingest}, ...]'");
        }
        return new Stages(List.of(stage(map)), List.of(source.pos(map.keyNode("kernel"))));
    }

    private Stage stage(YamlMap map) {
        Node kernelNode = map.require("kernel", "'kernel: ingest'");
        String kernelName = source.text(kernelNode, "'kernel'").trim();
        KernelDecl kernel = kernels.get(kernelName);
        if (kernel == null) {
            throw source.error(kernelNode, "unknown kernel " + Echo.quote(kernelName) + " in " + map.what(),
                    DidYouMean.hint(kernelName, kernels.keySet(), "kernels"));
        }
        long cost = map.has("cost") ? source.duration(map.get("cost"), "'cost'", "'cost: 10us'") : 0;
        int weight = map.has("weight") ? (int) source.integer(map.get("weight"), "'weight'", 1, MAX_WEIGHT) : 1;
        long failEvery = map.has("failEvery")
                ? source.integer(map.get("failEvery"), "'failEvery'", 0, Long.MAX_VALUE) : 0;
        StageOp op = map.has("op") ? StageOp.fromLabel(source.choice(map.get("op"), "op", StageOp.LABELS))
                : StageOp.SPIN;
        long size = 0;
        if (map.has("size")) {
            try {
                size = Units.parseSizeBytes(source.text(map.get("size"), "'size'"));
            } catch (IllegalArgumentException e) {
                throw source.error(map.get("size"), e.getMessage(), "for example 'size: 1KiB'");
            }
        }
        return new Stage(kernel.id(), kernel.name(), cost, weight, failEvery, op, size);
    }

    /** In an explicit topology every hop between two kernels needs its link. */
    private void checkHops(YamlMap map, List<Stage> stages, String what) {
        if (!channels.explicit() || stages.size() < 2) {
            return;
        }
        List<Node> stageNodes = source.list(map.get("stages"), "'stages'", "");
        for (int i = 1; i < stages.size(); i++) {
            Stage from = stages.get(i - 1);
            Stage to = stages.get(i);
            if (from.kernelId() != to.kernelId() && !channels.has(from.kernelId(), to.kernelId())) {
                throw source.error(stageNodes.get(i), what + " sends from '" + from.kernelName() + "' to '"
                        + to.kernelName() + "' but there is no channel " + from.kernelName() + " -> "
                        + to.kernelName(), "add '- {from: " + from.kernelName() + ", to: " + to.kernelName()
                        + "}' under channels.links, or use 'topology: full-mesh'");
            }
        }
    }
}
