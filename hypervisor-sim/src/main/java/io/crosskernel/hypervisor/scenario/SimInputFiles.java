package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.Units;
import io.crosskernel.api.WorkCost;
import io.crosskernel.hypervisor.sim.Calibration;
import io.crosskernel.hypervisor.sim.Distribution;
import io.crosskernel.hypervisor.sim.IdleCosts;
import io.crosskernel.hypervisor.sim.NoiseModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;

/**
 * Reads the simulation's input files (docs/SIMULATION.md): {@code --calibration FILE} and {@code --noise FILE}. Both
 * are small YAML files read like a scenario (bounded, UTF-8) and every problem is a {@link ScenarioException} at its
 * {@code file:line:column}.
 *
 * <pre>
 * # calibration
 * hop: {p0: 70ns, p50: 76ns, p99: 141ns, p99.9: 1.3us, p100: 1.3us}   # or one value: hop: 76ns
 * dutyCycle: 50ns
 * perWork: 400ns
 * idle: {spin: 20ns, yield: 400ns, parkOvershoot: {p0: 8us, p50: 70us, p99: 88us, p100: 360us}}
 *
 * # noise
 * hiccups:
 *   rate: 20/s
 *   duration: {p0: 5us, p50: 20us, p99: 300us, p100: 2ms}
 * </pre>
 *
 * <p>Threading: stateless.
 */
public final class SimInputFiles {
    static final List<String> CALIBRATION_KEYS = List.of("hop", "dutyCycle", "perWork", "idle", "work");
    static final List<String> WORK_COST_KEYS = List.of("base", "perKiB");
    static final List<String> IDLE_KEYS = List.of("spin", "yield", "parkOvershoot");
    static final List<String> NOISE_KEYS = List.of("hiccups");
    static final List<String> HICCUP_KEYS = List.of("rate", "duration");
    private static final String DISTRIBUTION_EXAMPLE = "'{p0: 70ns, p50: 76ns, p99: 141ns, p100: 1.3us}' or '76ns'";

    private SimInputFiles() {
    }

    /**
     * Reads a calibration file; a key it leaves out keeps its default ({@link Calibration#defaults()}). Its
     * {@code work:} names must be work some kernel type of {@code types} models ({@code TYPE.NAME}).
     */
    public static Calibration calibration(Path file, KernelTypes types) {
        YamlSource source = new YamlSource(file);
        YamlMap top = top(file, source, CALIBRATION_KEYS, "'hop: 76ns'");
        Calibration defaults = Calibration.defaults();
        Distribution hop = top.has("hop") ? distribution(source, top.get("hop"), "'hop'") : defaults.hop();
        long dutyCycle = top.has("dutyCycle")
                ? source.positiveDuration(top.get("dutyCycle"), "'dutyCycle'", "'dutyCycle: 50ns'")
                : defaults.dutyCycleNanos();
        long perWork = top.has("perWork")
                ? cost(source, top.get("perWork"), "'perWork'", "'perWork: 400ns'") : defaults.perWorkNanos();
        IdleCosts idle = top.has("idle") ? idleCosts(source, top.get("idle"), defaults.idle()) : defaults.idle();
        Map<String, WorkCost> work = top.has("work") ? workCosts(source, top.get("work"), types) : Map.of();
        return new Calibration(hop, dutyCycle, perWork, idle, work, file.toString());
    }

    /**
     * {@code work: {storage.compress: {base: 5us, perKiB: 25us}, storage.get: 500ns}}: per {@code TYPE.NAME}, a
     * fixed cost and a cost per KiB (a bare duration is the fixed cost alone).
     */
    private static Map<String, WorkCost> workCosts(YamlSource source, Node node, KernelTypes types) {
        YamlMap map = source.map(node, "'work'", null);
        Map<String, WorkCost> costs = new TreeMap<>();
        for (String key : map.keys()) {
            int dot = key.indexOf('.');
            KernelFactory factory = dot < 0 ? null : types.get(key.substring(0, dot));
            if (factory == null || !factory.modelledWork().containsKey(key.substring(dot + 1))) {
                throw source.error(map.keyNode(key), "no kernel type models work " + Echo.quote(key),
                        "name it TYPE.NAME, one of " + knownWork(types));
            }
            Node value = map.get(key);
            String what = "'work." + key + "'";
            if (value.getNodeType() != NodeType.MAPPING) {
                costs.put(key, new WorkCost(cost(source, value, what, "'" + key + ": 2us'"), 0));
                continue;
            }
            YamlMap cost = source.map(value, what, WORK_COST_KEYS);
            long base = cost.has("base") ? cost(source, cost.get("base"), what + ".base", "'base: 2us'") : 0;
            long perKiB = cost.has("perKiB") ? cost(source, cost.get("perKiB"), what + ".perKiB", "'perKiB: 300ns'")
                    : 0;
            costs.put(key, new WorkCost(base, perKiB));
        }
        return costs;
    }

    private static long cost(YamlSource source, Node node, String what, String example) {
        long nanos = source.duration(node, what, example);
        if (nanos < 0) {
            throw source.error(node, what + " is negative", "a cost is zero or more, for example " + example);
        }
        return nanos;
    }

    private static String knownWork(KernelTypes types) {
        List<String> names = new ArrayList<>();
        for (String type : types.names()) {
            for (String work : new TreeMap<>(types.get(type).modelledWork()).keySet()) {
                names.add(type + "." + work);
            }
        }
        return names.isEmpty() ? "(none: no kernel type models real work)" : String.join(", ", names);
    }

    /** {@code idle: {spin: 20ns, yield: 400ns, parkOvershoot: ...}}; a key left out keeps its default. */
    private static IdleCosts idleCosts(YamlSource source, Node node, IdleCosts defaults) {
        YamlMap idle = source.map(node, "'idle'", IDLE_KEYS);
        long spin = idle.has("spin")
                ? source.positiveDuration(idle.get("spin"), "'idle.spin'", "'spin: 20ns'") : defaults.spinNanos();
        long yield = idle.has("yield")
                ? source.positiveDuration(idle.get("yield"), "'idle.yield'", "'yield: 400ns'") : defaults.yieldNanos();
        Distribution overshoot = idle.has("parkOvershoot")
                ? distribution(source, idle.get("parkOvershoot"), "'idle.parkOvershoot'") : defaults.parkOvershoot();
        return new IdleCosts(spin, yield, overshoot);
    }

    /** Reads a noise file. */
    public static NoiseModel noise(Path file) {
        YamlSource source = new YamlSource(file);
        YamlMap top = top(file, source, NOISE_KEYS, "'hiccups: {rate: 20/s, duration: 50us}'");
        YamlMap hiccups = source.map(top.require("hiccups", "'hiccups: {rate: 20/s, duration: 50us}'"),
                "'hiccups'", HICCUP_KEYS);
        Node rateNode = hiccups.require("rate", "'rate: 20/s'");
        double rate;
        try {
            rate = Units.parseRatePerSecond(source.text(rateNode, "'rate'"));
        } catch (IllegalArgumentException e) {
            throw source.error(rateNode, e.getMessage(), "for example 'rate: 20/s'");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw source.error(rateNode, "'rate' must be above zero", "for example 'rate: 20/s'");
        }
        Distribution duration = distribution(source, hiccups.require("duration", "'duration: 50us'"), "'duration'");
        return new NoiseModel(rate, duration, file.toString());
    }

    private static YamlMap top(Path file, YamlSource source, List<String> keys, String example) {
        Node root = YamlDocument.read(ScenarioFile.read(file), source);
        if (root.getNodeType() != NodeType.MAPPING) {
            throw source.error(root, "the top level must be a mapping, found " + source.describe(root),
                    "start with " + example + " at the left margin");
        }
        return source.map(root, "the file", keys);
    }

    /** A duration ({@code 76ns}: always that) or percentiles {@code {p0: ..., ..., p100: ...}}. */
    static Distribution distribution(YamlSource source, Node node, String what) {
        if (node.getNodeType() == NodeType.SCALAR) {
            return Distribution.constant(source.duration(node, what, DISTRIBUTION_EXAMPLE));
        }
        if (node.getNodeType() != NodeType.MAPPING) {
            throw source.error(node, what + " must be a duration or percentiles, found " + source.describe(node),
                    "write " + DISTRIBUTION_EXAMPLE);
        }
        YamlMap map = source.map(node, what, null);
        List<Double> percentiles = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (String key : map.keys()) {
            Node keyNode = map.keyNode(key);
            double p;
            try {
                if (!key.startsWith("p")) {
                    throw new NumberFormatException();
                }
                p = Double.parseDouble(key.substring(1));
            } catch (NumberFormatException e) {
                throw source.error(keyNode, "unknown key " + Echo.quote(key) + " in " + what,
                        "name percentiles p0 to p100, for example " + DISTRIBUTION_EXAMPLE);
            }
            if (!(p >= 0 && p <= 100)) {
                throw source.error(keyNode, "percentile " + key + " is outside p0..p100", "use p0 to p100");
            }
            long value = source.duration(map.get(key), what + "." + key, "'" + key + ": 76ns'");
            if (value < 0) {
                throw source.error(map.get(key), what + "." + key + " is negative", "durations are zero or more");
            }
            if (!percentiles.isEmpty()) {
                if (p <= percentiles.get(percentiles.size() - 1)) {
                    throw source.error(keyNode, "percentiles must increase: " + key + " comes after p"
                            + format(percentiles.get(percentiles.size() - 1)), "list them from p0 up to p100");
                }
                if (value < values.get(values.size() - 1)) {
                    throw source.error(map.get(key), what + "." + key + " is below the percentile before it",
                            "a higher percentile cannot be a shorter duration");
                }
            }
            percentiles.add(p);
            values.add(value);
        }
        if (percentiles.isEmpty() || percentiles.get(0) != 0 || percentiles.get(percentiles.size() - 1) != 100) {
            throw source.error(node, what + " must give p0 and p100 (the shortest and the longest)",
                    "write " + DISTRIBUTION_EXAMPLE);
        }
        double[] ps = new double[percentiles.size()];
        long[] vs = new long[values.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = percentiles.get(i);
            vs[i] = values.get(i);
        }
        return new Distribution(ps, vs);
    }

    private static String format(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
