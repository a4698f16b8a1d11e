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
import io.crosskernel.api.workload.KeyDistribution;
import io.crosskernel.api.workload.KeyWorkload;
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
            "deadline", "kernel", "cost", "weight", "failEvery", "op", "size", "key", "kv");
    static final List<String> STAGE_KEYS = List.of("kernel", "cost", "weight", "failEvery", "op", "size", "key");
    static final List<String> KV_KEYS = List.of("keys", "distribution", "skew", "put", "get", "delete");
    /** The fields of a request a stage addressed to a shard group may route by. */
    static final List<String> ROUTE_KEYS = List.of(Stage.ROUTE_BY_PAYLOAD);
    static final double DEFAULT_SKEW = 0.99;
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
    /** Shard groups by name: the group's first shard (its id and {@code shard().count()} give the rest). */
    private final Map<String, KernelDecl> groups = new LinkedHashMap<>();
    private final ChannelReader.Channels channels;
    private final long seed;
    private final List<ScenarioWarning> warnings;

    /** @param warnings where the reader adds what it finds questionable but valid */
    WorkloadReader(YamlSource source, List<KernelDecl> kernels, ChannelReader.Channels channels, long seed,
            List<ScenarioWarning> warnings) {
        this.source = source;
        kernels.forEach(k -> this.kernels.put(k.name(), k));
        kernels.stream().filter(k -> k.isShard() && k.shard().index() == 0)
                .forEach(k -> groups.put(k.shard().group(), k));
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
        if (kernels.containsKey(name) || groups.containsKey(name)) {
            throw source.error(nameNode, "workload name '" + name + "' is also a kernel name",
                    "rename one of them: expectations such as '" + name + ".completed' must name one thing");
        }
        String what = "workload '" + name + "'";
        String kind = kind(map, what);
        Stages stages = stages(map, what);
        checkHops(map, stages.stages(), what);
        KeyWorkload keys = map.has("kv") ? kv(map.get("kv"), routeId) : null;
        checkKeys(map, stages, keys, what);

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
        return new WorkloadDecl(new Route(routeId, name, kind, stages.stages(), deadline, keys), schedule,
                source.pos(node),
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
            for (String shorthand : List.of("cost", "weight", "failEvery", "op", "size", "key")) {
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
        KernelDecl group = groups.get(kernelName);
        if (kernel == null && group == null) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>(groups.keySet());
            names.addAll(kernels.keySet());
            throw source.error(kernelNode, "unknown kernel " + Echo.quote(kernelName) + " in " + map.what(),
                    DidYouMean.hint(kernelName, names, "kernels"));
        }
        String key = null;
        if (group != null) {
            if (!map.has("key")) {
                throw source.error(kernelNode, map.what() + " is addressed to shard group '" + kernelName + "' ("
                        + group.shard().count() + " shards) but names no key to route by", "add 'key: "
                        + Stage.ROUTE_BY_PAYLOAD + "' (the sender picks the shard that owns the request's key), or"
                        + " address one shard, such as 'kernel: " + group.name() + "'");
            }
            key = source.text(map.get("key"), "'key'").trim();
            if (!ROUTE_KEYS.contains(key)) {
                throw source.error(map.get("key"), "'key' names " + Echo.quote(key) + ", a field requests do not"
                        + " have", "route by one of: " + String.join(", ", ROUTE_KEYS) + " (the key a keyed"
                        + " workload, 'kv:', gives each request)");
            }
            kernel = group;
        } else if (map.has("key")) {
            throw source.error(map.keyNode("key"), "'key' in " + map.what() + " routes among the shards of a group,"
                    + " but '" + kernelName + "' is one kernel", "remove 'key', or address a shard group (a kernel"
                    + " entry with 'shards:')");
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
        return group != null
                ? new Stage(group.id(), kernelName, cost, weight, failEvery, op, size, group.shard().count(), key,
                        group.shard().reshard())
                : new Stage(kernel.id(), kernel.name(), cost, weight, failEvery, op, size);
    }

    /**
     * {@code kv:}: the keys of a keyed workload ({@code keys}, {@code distribution}, {@code skew}) and the op mix of
     * its {@code mix} stages ({@code put}, {@code get}, {@code delete} as shares adding up to 100%).
     */
    private KeyWorkload kv(Node node, int routeId) {
        YamlMap kv = source.map(node, "'kv'", KV_KEYS);
        long keys = source.integer(kv.require("keys", "'keys: 100000'"), "'keys'", 1, KeyWorkload.MAX_KEYS);
        KeyDistribution distribution = kv.has("distribution")
                ? KeyDistribution.fromLabel(source.choice(kv.get("distribution"), "key distribution",
                        KeyDistribution.LABELS)) : KeyDistribution.UNIFORM;
        double skew = DEFAULT_SKEW;
        if (kv.has("skew")) {
            if (distribution != KeyDistribution.ZIPFIAN) {
                throw source.error(kv.keyNode("skew"), "'skew' applies only to a zipfian distribution, not "
                        + distribution, "remove 'skew', or write 'distribution: zipfian'");
            }
            skew = fraction(kv.get("skew"), "'skew'");
            if (!(skew > 0 && skew < 1)) {
                throw source.error(kv.get("skew"), "'skew' is " + skew + ": a zipfian skew must be above 0 and below"
                        + " 1", "write for example 'skew: 0.99' (YCSB's default; closer to 1 is more skewed)");
            }
        }
        boolean anyShare = kv.has("put") || kv.has("get") || kv.has("delete");
        int put = kv.has("put") ? share(kv.get("put"), "'put'") : anyShare ? 0 : KeyWorkload.MILLION / 2;
        int get = kv.has("get") ? share(kv.get("get"), "'get'") : anyShare ? 0 : KeyWorkload.MILLION / 2;
        int delete = kv.has("delete") ? share(kv.get("delete"), "'delete'") : 0;
        if ((long) put + get + delete != KeyWorkload.MILLION) {
            throw source.error(node, "the put, get and delete shares of 'kv' add up to "
                    + String.format(java.util.Locale.ROOT, "%.4f%%", (put + get + delete) / 1e4) + ", not 100%",
                    "make them add up to 100%, for example 'put: 50%, get: 45%, delete: 5%'");
        }
        return new KeyWorkload(keys, distribution, skew, streamSeed(seed ^ 0x6B76L, routeId), put, get, delete);
    }

    /** A share of the op mix: a percentage {@code 45%} or a fraction {@code 0.45}, in parts per million. */
    private int share(Node node, String what) {
        double value = fraction(node, what);
        if (value < 0 || value > 1) {
            throw source.error(node, what + " is " + source.text(node, what) + ", outside 0%..100%",
                    "write a share such as 45% or 0.45");
        }
        return (int) Math.round(value * KeyWorkload.MILLION);
    }

    /** A number, or a percentage ({@code 45%} is 0.45). */
    private double fraction(Node node, String what) {
        String text = source.text(node, what).trim();
        boolean percent = text.endsWith("%");
        String number = percent ? text.substring(0, text.length() - 1).trim() : text;
        try {
            double value = Double.parseDouble(number);
            if (!Double.isFinite(value) || !number.matches("[0-9]*\\.?[0-9]+")) {
                throw new NumberFormatException(number);
            }
            return percent ? value / 100 : value;
        } catch (NumberFormatException e) {
            throw source.error(node, what + " must be a number or a percentage, found " + Echo.quote(text),
                    "write for example 0.45 or 45%");
        }
    }

    /**
     * The rules of keys and shard groups on one workload: a stage addressed to a group needs a key a kernel before it
     * can route by (so not the first stage) and a keyed workload ({@code kv:}) to give its requests keys; a
     * {@code mix} stage needs {@code kv:}'s shares.
     */
    private void checkKeys(YamlMap map, Stages stages, KeyWorkload keys, String what) {
        for (int i = 0; i < stages.stages().size(); i++) {
            Stage stage = stages.stages().get(i);
            SourcePos pos = stages.positions().get(i);
            if (stage.sharded() && i == 0) {
                throw new ScenarioException(pos, "the first stage of " + what + " is addressed to shard group '"
                        + stage.kernelName() + "': a request's shard is chosen by the kernel that sends it there,"
                        + " and a first stage has no sender", "add a stage on another kernel before it, for example"
                        + " '{kernel: ingest, cost: 1us}'");
            }
            if (stage.sharded() && keys == null) {
                throw new ScenarioException(pos, what + " sends to shard group '" + stage.kernelName()
                        + "' but its requests have no keys", "add 'kv: {keys: 100000}' to " + what
                        + " (its source then gives each request a key, which the sender routes by)");
            }
            if (stage.reshard() != null && i > 0 && stages.stages().get(i - 1).runsOn(stage.kernelId())) {
                throw new ScenarioException(pos, what + " sends from shard group '" + stage.kernelName() + "' to"
                        + " itself, and the group reshards live: its shards would be senders of their own group, which"
                        + " the resharding protocol does not cover", "put a stage on another kernel between the two"
                        + " stages on '" + stage.kernelName() + "', or remove 'reshard'");
            }
            if (stage.op() == StageOp.MIX && keys == null) {
                throw new ScenarioException(pos, "'op: mix' in " + what + " takes its put/get/delete shares from"
                        + " 'kv:', which " + what + " does not have", "add 'kv: {keys: 100000, put: 50%, get:"
                        + " 50%}', or use 'op: put', 'get' or 'delete'");
            }
        }
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
            if (from.sharded() || to.sharded()) {
                checkShardHops(stageNodes.get(i), from, to, what);
                continue;
            }
            if (from.kernelId() != to.kernelId() && !channels.has(from.kernelId(), to.kernelId())) {
                throw source.error(stageNodes.get(i), what + " sends from '" + from.kernelName() + "' to '"
                        + to.kernelName() + "' but there is no channel " + from.kernelName() + " -> "
                        + to.kernelName(), "add '- {from: " + from.kernelName() + ", to: " + to.kernelName()
                        + "}' under channels.links, or use 'topology: full-mesh'");
            }
        }
    }

    /**
     * A hop to or from a shard group in an explicit topology needs a link for every pair of kernels it may use, and a
     * group that reshards live one from each shard that loses keys to each that gains them (copies travel there).
     */
    private void checkShardHops(Node stageNode, Stage from, Stage to, String what) {
        io.crosskernel.api.Reshard reshard = to.reshard();
        if (reshard != null) {
            for (int a = 0; a < reshard.kernels(); a++) {
                for (int b = 0; b < reshard.kernels(); b++) {
                    if (reshard.loses(a) && reshard.gains(b)
                            && !channels.has(to.kernelId() + a, to.kernelId() + b)) {
                        String fromName = nameOf(to.kernelId() + a);
                        String toName = nameOf(to.kernelId() + b);
                        throw source.error(stageNode, what + " sends to shard group '" + to.kernelName() + "', which"
                                + " reshards live: '" + fromName + "' hands keys to '" + toName + "' but there is no"
                                + " channel " + fromName + " -> " + toName, "add '- {from: " + fromName + ", to: "
                                + toName + "}' under channels.links (one per shard that loses keys and shard that"
                                + " gains them), or use 'topology: full-mesh'");
                    }
                }
            }
        }
        for (int a = from.kernelId(); a <= from.lastKernelId(); a++) {
            for (int b = to.kernelId(); b <= to.lastKernelId(); b++) {
                if (a != b && !channels.has(a, b)) {
                    String fromName = nameOf(a);
                    String toName = nameOf(b);
                    throw source.error(stageNode, what + " may send from '" + fromName + "' to '" + toName
                            + "' (a shard of '" + (to.sharded() ? to.kernelName() : from.kernelName())
                            + "') but there is no channel " + fromName + " -> " + toName, "add '- {from: "
                            + fromName + ", to: " + toName + "}' under channels.links (one per sender and shard),"
                            + " or use 'topology: full-mesh'");
                }
            }
        }
    }

    private String nameOf(int kernelId) {
        for (KernelDecl kernel : kernels.values()) {
            if (kernel.id() == kernelId) {
                return kernel.name();
            }
        }
        return "#" + kernelId;
    }
}
