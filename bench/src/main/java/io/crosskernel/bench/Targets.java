package io.crosskernel.bench;

import io.crosskernel.bench.isolation.IsolationBenchmark;
import io.crosskernel.bench.plain.CrossProcessRoundTrip;
import io.crosskernel.bench.plain.PlainRoundTrip;
import io.crosskernel.bench.roundtrip.Transports;
import io.crosskernel.bench.throughput.ThroughputBenchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's targets (docs/BENCHMARKS.md, "Targets"), checked against one run's results: each a same-run ratio with
 * its threshold and whether it was met. Ratios are per-round medians ({@link Spread}). Stateless.
 */
final class Targets {
    private Targets() {
    }

    /** One target: what it asks, what was measured, whether that meets it. */
    record Check(String target, String source, double measured, double threshold, boolean atMost) {
        boolean met() {
            return Double.isFinite(measured) && (atMost ? measured <= threshold : measured >= threshold);
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target);
            json.put("source", source);
            json.put("measured", measured);
            json.put("threshold", threshold);
            json.put("met", met());
            return json;
        }
    }

    static List<Check> evaluate(Map<String, Object> roundTripJmh, Map<String, Object> backToBack,
            Map<String, Object> roundTripHdr, Map<String, Object> throughput, List<Map<String, Object>> isolation) {
        List<Check> checks = new ArrayList<>();
        Map<?, ?> ck = row(roundTripJmh, "transports", "transport", Transports.CROSSKERNEL);
        if (ck != null) {
            checks.add(new Check("round trip p50 <= 1.15x the volatile floor", "JMH",
                    median(ck, "ratioToVolatile", "p50"), 1.15, true));
            checks.add(new Check("round trip p50 <= 1.05x raw JCTools", "JMH",
                    median(ck, "ratioToJctools", "p50"), 1.05, true));
            checks.add(new Check("round trip p99 <= 1.25x the volatile floor", "JMH",
                    median(ck, "ratioToVolatile", "p99"), 1.25, true));
        }
        interleaved(checks, backToBack, "interleaved, back to back");
        interleaved(checks, roundTripHdr, "interleaved, paced 20 us");
        for (Object o : (List<?>) throughput.get("rows")) {
            Map<?, ?> r = (Map<?, ?>) o;
            if (!ThroughputBenchmark.CROSSKERNEL.equals(r.get("transport"))) {
                continue;
            }
            Object burst = r.get("burst");
            checks.add(new Check("throughput >= 0.9x raw JCTools, burst " + burst, "JMH",
                    median(r, "ratioToJctools"), 0.9, false));
            checks.add(new Check("throughput >= 0.9x JCTools carrying the envelopes, burst " + burst
                    + " (same data moved; not a target)", "JMH", median(r, "ratioToJctoolsEnvelopes"), 0.9, false));
            checks.add(new Check("0 B per message, burst " + burst, "JMH -prof gc",
                    ((Number) r.get("bytesPerMessage")).doubleValue(), 0.1, true));
        }
        for (Map<String, Object> run : isolation) {
            Map<?, ?> stpe = row(run, "setups", "setup", IsolationBenchmark.STPE);
            isolation(checks, run, stpe, IsolationBenchmark.PARTITIONED, "partitioned");
            isolation(checks, run, stpe, IsolationBenchmark.OWN_JVM,
                    "partitioned (own JVM)");
        }
        return checks;
    }

    /** The isolation target for one partitioned set-up of one collector's run, when both rows are there. */
    private static void isolation(List<Check> checks, Map<String, Object> run, Map<?, ?> stpe, String setup,
            String label) {
        Map<?, ?> part = row(run, "setups", "setup", setup);
        if (stpe != null && part != null) {
            double ratio = number(part, "latenessP99") / number(stpe, "latenessP99");
            checks.add(new Check(label + " real-time lateness p99 <= 0.01x the executor's (100x lower)",
                    "isolation under " + run.get("collector"), ratio, 0.01, true));
        }
    }

    /** The round-trip targets from a {@link io.crosskernel.bench.roundtrip.RoundTripLatency} result. */
    private static void interleaved(List<Check> checks, Map<String, Object> result, String source) {
        Map<?, ?> ck = row(result, "transports", "transport", Transports.CROSSKERNEL);
        if (ck == null || ck.get("roundRatioToVolatile") == null) {
            return;
        }
        checks.add(new Check("round trip p50 <= 1.15x the volatile floor", source,
                median(ck, "roundRatioToVolatile", "rawP50"), 1.15, true));
        checks.add(new Check("round trip p50 <= 1.05x raw JCTools", source,
                median(ck, "roundRatioToJctools", "rawP50"), 1.05, true));
        checks.add(new Check("round trip p99 <= 1.25x the volatile floor", source,
                median(ck, "roundRatioToVolatile", "rawP99"), 1.25, true));
    }

    /**
     * Issue 16's target in the plain two-thread round trip: the channel's p50 within 1.05x the floor and 1.0x JCTools
     * and its p99 within 1.15x the floor, in at least three rounds of five; measured is the rounds that met it.
     */
    static Check plain(PlainRoundTrip.Result result) {
        return new Check("plain round trip: p50 <= 1.05x floor and <= 1.0x JCTools, p99 <= 1.15x floor, rounds"
                + " meeting it (of " + result.settings().rounds() + ")", "plain two threads", result.roundsMet(),
                result.settings().roundsToMeet(), false);
    }

    static Check crossProcess(CrossProcessRoundTrip.Result result) {
        return new Check("cross-process round trip: p50 and p99 <= " + CrossProcessRoundTrip.TO_CHANNEL
                + "x the in-process channel, rounds meeting it (of " + result.settings().rounds() + ")",
                "plain two threads, echo process", result.roundsMet(), result.settings().roundsToMeet(), false);
    }

    static String text(List<Check> checks) {
        StringBuilder out = new StringBuilder("targets (same-run ratios)\n");
        for (Check c : checks) {
            out.append(String.format(Locale.ROOT, "  %-4s %-88s %-26s %.4g (threshold %s%.4g)%n",
                    c.met() ? "met" : "MISS", c.target(), c.source(), c.measured(), c.atMost() ? "<= " : ">= ",
                    c.threshold()));
        }
        return out.toString();
    }

    private static Map<?, ?> row(Map<String, Object> section, String list, String key, String value) {
        Object rows = section.get(list);
        if (!(rows instanceof List)) {
            return null;
        }
        for (Object o : (List<?>) rows) {
            if (o instanceof Map && value.equals(((Map<?, ?>) o).get(key))) {
                return (Map<?, ?>) o;
            }
        }
        return null;
    }

    /** The number at the end of {@code path}, or the {@code median} of the {@link Spread} there. */
    private static double median(Map<?, ?> row, String... path) {
        Object node = row;
        for (String key : path) {
            if (!(node instanceof Map)) {
                return Double.NaN;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        if (node instanceof Number) {
            return ((Number) node).doubleValue();
        }
        return node instanceof Map ? number((Map<?, ?>) node, "median") : Double.NaN;
    }

    private static double number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
    }
}
