package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.sim.Calibration;
import io.crosskernel.hypervisor.sim.Distribution;
import io.crosskernel.hypervisor.sim.NoiseModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    static final List<String> CALIBRATION_KEYS = List.of("hop", "dutyCycle");
    static final List<String> NOISE_KEYS = List.of("hiccups");
    static final List<String> HICCUP_KEYS = List.of("rate", "duration");
    private static final String DISTRIBUTION_EXAMPLE = "'{p0: 70ns, p50: 76ns, p99: 141ns, p100: 1.3us}' or '76ns'";

    private SimInputFiles() {
    }

    /** Reads a calibration file; a key it leaves out keeps its default ({@link Calibration#defaults()}). */
    public static Calibration calibration(Path file) {
        YamlSource source = new YamlSource(file);
        YamlMap top = top(file, source, CALIBRATION_KEYS, "'hop: 76ns'");
        Calibration defaults = Calibration.defaults();
        Distribution hop = top.has("hop") ? distribution(source, top.get("hop"), "'hop'") : defaults.hop();
        long dutyCycle = top.has("dutyCycle")
                ? source.positiveDuration(top.get("dutyCycle"), "'dutyCycle'", "'dutyCycle: 50ns'")
                : defaults.dutyCycleNanos();
        return new Calibration(hop, dutyCycle, file.toString());
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
