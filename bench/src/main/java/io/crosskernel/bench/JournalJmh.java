package io.crosskernel.bench;

import io.crosskernel.bench.journal.JournalHopBenchmark;
import io.crosskernel.bench.journal.JournalTailBenchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The journal's cost in bracketed rounds ({@link JmhRounds}): a message's hop with journaling on against the same hop
 * with it off ({@link JournalHopBenchmark}), and a Chronicle Queue append with a tailer reading it on the other core
 * against the append alone ({@link JournalTailBenchmark}). Stateless.
 */
final class JournalJmh {
    private static final ToDoubleFunction<RunResult> MEAN = r -> r.getPrimaryResult().getScore();

    private JournalJmh() {
    }

    static Map<String, Object> run(Profile profile, List<String> hopModes) throws RunnerException {
        List<Map<String, String>> journaled = new ArrayList<>();
        for (String mode : hopModes) {
            journaled.add(Map.of("journal", mode));
        }
        JmhRounds.Result hop = JmhRounds.run(profile, JournalHopBenchmark.class,
                List.of(new JmhRounds.Group(Map.of("journal", "off"), journaled)), false, run ->
                        System.out.printf(Locale.ROOT, "  round %d hop, journal %-6s %9.1f ns/message%n",
                                run.round() + 1, run.params().get("journal"), MEAN.applyAsDouble(run.result())));
        JmhRounds.Result tail = JmhRounds.run(profile, JournalTailBenchmark.class,
                List.of(new JmhRounds.Group(Map.of("mode", JournalTailBenchmark.APPEND),
                        List.of(Map.of("mode", JournalTailBenchmark.APPEND_TAIL)))), false, run -> {
                            var s = run.result().getPrimaryResult().getStatistics();
                            System.out.printf(Locale.ROOT, "  round %d %-11s p50 %7.0f ns  p99 %8.0f ns%n",
                                    run.round() + 1, run.params().get("mode"), s.getPercentile(50),
                                    s.getPercentile(99));
                        });

        StringBuilder text = new StringBuilder("journal (JMH; x = ratio to the baseline runs around it, median"
                + " [min-max] over settled rounds)\n");
        List<Object> hopRows = new ArrayList<>();
        text.append(String.format(Locale.ROOT, "  %-24s %12s %22s%n", "hop (offer + drain)", "ns/message",
                "/ journal off"));
        List<String> modes = new ArrayList<>(List.of("off"));
        modes.addAll(hopModes);
        for (String mode : modes) {
            Map<String, String> cell = Map.of("journal", mode);
            Spread mean = Spread.of(JmhRounds.figures(hop.runsOf(cell), MEAN));
            JmhRounds.Ratio ratio = mode.equals("off") ? JmhRounds.Ratio.one()
                    : JmhRounds.Ratio.of(hop, cell, Map.of("journal", "off"), MEAN, MEAN);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("journal", mode);
            row.put("nanosPerMessage", mean.median());
            row.put("ratioToOff", ratio.toJson());
            hopRows.add(row);
            text.append(String.format(Locale.ROOT, "  journal %-16s %12.1f %22s%n", mode, mean.median(),
                    ratio.text()));
        }

        List<Object> tailRows = new ArrayList<>();
        text.append(String.format(Locale.ROOT, "  %-24s %22s %22s %22s%n", "Chronicle Queue entry", "p50 ns", "p99 ns",
                "p99.9 ns"));
        for (String mode : List.of(JournalTailBenchmark.APPEND, JournalTailBenchmark.APPEND_TAIL)) {
            Map<String, String> cell = Map.of("mode", mode);
            boolean base = mode.equals(JournalTailBenchmark.APPEND);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mode", mode);
            text.append(String.format(Locale.ROOT, "  %-24s", mode));
            for (double p : new double[] {50, 99, 99.9}) {
                ToDoubleFunction<RunResult> figure = RoundTripJmh.percentile(p);
                String key = p == 50 ? "p50" : p == 99 ? "p99" : "p999";
                double median = Spread.of(JmhRounds.figures(tail.runsOf(cell), figure)).median();
                JmhRounds.Ratio ratio = base ? JmhRounds.Ratio.one() : JmhRounds.Ratio.of(tail, cell,
                        Map.of("mode", JournalTailBenchmark.APPEND), figure, RoundTripJmh.percentile(50));
                row.put(key, median);
                row.put(key + "RatioToAppend", ratio.toJson());
                text.append(String.format(Locale.ROOT, " %22s", String.format(Locale.ROOT, "%.0f %s", median,
                        ratio.text())));
            }
            text.append('\n');
            tailRows.add(row);
        }
        System.out.print(text);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "journal-jmh");
        root.put("unit", "ns");
        root.put("rounds", profile.rounds());
        root.put("hop", hopRows);
        root.put("appendTail", tailRows);
        return root;
    }
}
