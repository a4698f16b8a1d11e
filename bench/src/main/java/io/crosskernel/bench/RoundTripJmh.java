package io.crosskernel.bench;

import io.crosskernel.bench.roundtrip.RoundTripBenchmark;
import io.crosskernel.bench.roundtrip.Transports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The JMH round trip in bracketed rounds ({@link JmhRounds}): every transport of {@link Transports#ALL} once per
 * round between two runs of the volatile floor, each in a fork of its own. Per transport: its percentiles (median
 * over its runs) and, per percentile, its ratio to the floor ({@link JmhRounds.Ratio}) and to raw JCTools (the two
 * ratios to the floor divided). Stateless.
 */
final class RoundTripJmh {
    /** The percentiles reported, as JMH computes them, and their JSON keys. */
    static final double[] PERCENTILES = {50, 99, 99.9, 99.99, 100};
    static final String[] KEYS = {"p50", "p99", "p999", "p9999", "max"};

    private RoundTripJmh() {
    }

    static Map<String, Object> run(Profile profile) throws RunnerException {
        Map<String, String> floorCell = Map.of("transport", Transports.VOLATILE);
        List<Map<String, String>> candidates = new ArrayList<>();
        for (String transport : Transports.ALL) {
            if (!transport.equals(Transports.VOLATILE)) {
                candidates.add(Map.of("transport", transport));
            }
        }
        JmhRounds.Result result = JmhRounds.run(profile, RoundTripBenchmark.class,
                List.of(new JmhRounds.Group(floorCell, candidates)), false, run -> {
                    var s = run.result().getPrimaryResult().getStatistics();
                    System.out.printf(Locale.ROOT, "  round %d %-12s p50 %8.0f ns  p99 %9.0f ns%n", run.round() + 1,
                            run.params().get("transport"), s.getPercentile(50), s.getPercentile(99));
                });
        ToDoubleFunction<RunResult> p50 = percentile(50);
        Map<String, String> jctoolsCell = Map.of("transport", Transports.JCTOOLS);
        List<Object> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder("round trip (JMH SampleTime, ns, median over runs; x = ratio to the"
                + " floor runs just before and after, median [min-max] over settled brackets; * = medians of all"
                + " runs, no bracket settled)\n");
        text.append(String.format(Locale.ROOT, "%-12s %23s %23s %23s %23s %23s %14s %9s%n", "transport", "p50",
                "p99", "p99.9", "p99.99", "max", "p50 / jctools", "unsettled"));
        for (String transport : Transports.ALL) {
            Map<String, String> cell = Map.of("transport", transport);
            boolean floor = transport.equals(Transports.VOLATILE);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transport", transport);
            Map<String, Object> toFloor = new LinkedHashMap<>();
            Map<String, Object> toJctools = new LinkedHashMap<>();
            text.append(String.format(Locale.ROOT, "%-12s", transport));
            for (int k = 0; k < KEYS.length; k++) {
                ToDoubleFunction<RunResult> figure = percentile(PERCENTILES[k]);
                double median = Spread.of(JmhRounds.figures(result.runsOf(cell), figure)).median();
                row.put(KEYS[k], median);
                JmhRounds.Ratio ratio = floor ? JmhRounds.Ratio.one()
                        : JmhRounds.Ratio.of(result, cell, floorCell, figure, p50);
                JmhRounds.Ratio jctools = JmhRounds.Ratio.of(result, jctoolsCell, floorCell, figure, p50);
                toFloor.put(KEYS[k], ratio.toJson());
                toJctools.put(KEYS[k], ratio.median() / jctools.median());
                text.append(String.format(Locale.ROOT, " %23s", String.format(Locale.ROOT, "%.0f %s", median,
                        ratio.text())));
            }
            int unsettled = 0;
            List<JmhRounds.Bracket> brackets = result.bracketsOf(cell);
            for (JmhRounds.Bracket b : brackets) {
                unsettled += b.settled(p50) ? 0 : 1;
            }
            row.put("brackets", brackets.size());
            row.put("unsettledBrackets", unsettled);
            row.put("ratioToVolatile", toFloor);
            row.put("ratioToJctools", toJctools);
            text.append(String.format(Locale.ROOT, " %13.2fx %9s%n", (double) toJctools.get("p50"),
                    floor ? "-" : unsettled + "/" + brackets.size()));
            rows.add(row);
        }
        System.out.print(text);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "roundtrip-jmh");
        root.put("unit", "ns");
        root.put("mode", "SampleTime");
        root.put("rounds", profile.rounds());
        root.put("settledWithin", Double.isInfinite(profile.settledWithin()) ? "any" : profile.settledWithin());
        root.put("ratioToJctools", "median ratio to the floor over JCTools' median ratio to the floor");
        root.put("runs", result.runs().size());
        root.put("transports", rows);
        return root;
    }

    static ToDoubleFunction<RunResult> percentile(double p) {
        return r -> r.getPrimaryResult().getStatistics().getPercentile(p);
    }
}
