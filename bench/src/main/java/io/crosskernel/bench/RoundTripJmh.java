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
 * over its runs) and, per percentile, its ratio to the floor runs around it and to raw JCTools of the same round,
 * over the rounds whose floor stayed put. Stateless.
 */
final class RoundTripJmh {
    /** The percentiles reported, as JMH computes them, and their JSON keys. */
    static final double[] PERCENTILES = {50, 99, 99.9, 99.99, 100};
    static final String[] KEYS = {"p50", "p99", "p999", "p9999", "max"};

    private RoundTripJmh() {
    }

    static Map<String, Object> run(Profile profile) throws RunnerException {
        List<Map<String, String>> candidates = new ArrayList<>();
        for (String transport : Transports.ALL) {
            if (!transport.equals(Transports.VOLATILE)) {
                candidates.add(Map.of("transport", transport));
            }
        }
        JmhRounds.Result result = JmhRounds.run(profile, RoundTripBenchmark.class,
                List.of(new JmhRounds.Group(Map.of("transport", Transports.VOLATILE), candidates)), false, run -> {
                    var s = run.result().getPrimaryResult().getStatistics();
                    System.out.printf(Locale.ROOT, "  round %d %-12s p50 %8.0f ns  p99 %9.0f ns%n", run.round() + 1,
                            run.params().get("transport"), s.getPercentile(50), s.getPercentile(99));
                });
        ToDoubleFunction<RunResult> p50 = percentile(50);
        List<Object> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder("round trip (JMH SampleTime, ns, median over runs; x = ratio to the"
                + " floor runs just before and after, median [min-max] over settled rounds)\n");
        text.append(String.format(Locale.ROOT, "%-12s %22s %22s %22s %22s %22s %20s %9s%n", "transport", "p50", "p99",
                "p99.9", "p99.99", "max", "p50 / jctools", "unsettled"));
        for (String transport : Transports.ALL) {
            Map<String, String> cell = Map.of("transport", transport);
            boolean floor = transport.equals(Transports.VOLATILE);
            List<JmhRounds.Bracket> brackets = result.bracketsOf(cell);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transport", transport);
            Map<String, Object> toFloor = new LinkedHashMap<>();
            Map<String, Object> toJctools = new LinkedHashMap<>();
            text.append(String.format(Locale.ROOT, "%-12s", transport));
            String p50ToJctools = "";
            for (int k = 0; k < KEYS.length; k++) {
                ToDoubleFunction<RunResult> figure = percentile(PERCENTILES[k]);
                double median = Spread.of(figures(result.runsOf(cell), figure)).median();
                row.put(KEYS[k], median);
                Spread ratio = floor ? Spread.of(new double[] {1}) : settledRatios(brackets, figure, p50);
                toFloor.put(KEYS[k], ratio.toJson());
                Spread jct = toJctools(result, transport, figure, p50, profile.rounds());
                toJctools.put(KEYS[k], jct.toJson());
                text.append(String.format(Locale.ROOT, " %22s", String.format(Locale.ROOT, "%.0f %s", median,
                        ratio.ratioText())));
                if (k == 0) {
                    p50ToJctools = jct.ratioText();
                }
            }
            int unsettled = 0;
            for (JmhRounds.Bracket b : brackets) {
                unsettled += b.settled(p50) ? 0 : 1;
            }
            row.put("brackets", brackets.size());
            row.put("unsettledBrackets", unsettled);
            row.put("ratioToVolatile", toFloor);
            row.put("ratioToJctools", toJctools);
            text.append(String.format(Locale.ROOT, " %20s %9s%n", p50ToJctools,
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
        root.put("runs", result.runs().size());
        root.put("transports", rows);
        return root;
    }

    static ToDoubleFunction<RunResult> percentile(double p) {
        return r -> r.getPrimaryResult().getStatistics().getPercentile(p);
    }

    private static double[] figures(List<JmhRounds.Run> runs, ToDoubleFunction<RunResult> figure) {
        double[] out = new double[runs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = figure.applyAsDouble(runs.get(i).result());
        }
        return out;
    }

    /** Candidate over its brackets' baselines, for the brackets whose baselines agree on {@code settledBy}. */
    static Spread settledRatios(List<JmhRounds.Bracket> brackets, ToDoubleFunction<RunResult> figure,
            ToDoubleFunction<RunResult> settledBy) {
        List<Double> ratios = new ArrayList<>();
        for (JmhRounds.Bracket b : brackets) {
            if (b.settled(settledBy)) {
                ratios.add(b.ratio(figure));
            }
        }
        return Spread.of(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Per round, the transport's ratio to the floor over JCTools' ratio to the floor in the same round, for rounds
     * where both brackets settled.
     */
    private static Spread toJctools(JmhRounds.Result result, String transport, ToDoubleFunction<RunResult> figure,
            ToDoubleFunction<RunResult> settledBy, int rounds) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double mine = ratioInRound(result, transport, round, figure, settledBy);
            double jctools = ratioInRound(result, Transports.JCTOOLS, round, figure, settledBy);
            if (Double.isFinite(mine) && Double.isFinite(jctools)) {
                ratios.add(mine / jctools);
            }
        }
        return Spread.of(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double ratioInRound(JmhRounds.Result result, String transport, int round,
            ToDoubleFunction<RunResult> figure, ToDoubleFunction<RunResult> settledBy) {
        if (transport.equals(Transports.VOLATILE)) {
            return 1;
        }
        for (JmhRounds.Bracket b : result.bracketsOf(Map.of("transport", transport))) {
            if (b.candidate().round() == round) {
                return b.settled(settledBy) ? b.ratio(figure) : Double.NaN;
            }
        }
        return Double.NaN;
    }
}
