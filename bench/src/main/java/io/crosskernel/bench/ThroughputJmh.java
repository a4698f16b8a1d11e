package io.crosskernel.bench;

import io.crosskernel.bench.throughput.ThroughputBenchmark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The JMH one-way throughput in bracketed rounds ({@link JmhRounds}) with JMH's GC profiler: per burst size, each
 * candidate between two runs of raw JCTools (a bare reference). Per transport and burst: messages per second (median
 * over its runs), bytes allocated per message (the largest over its runs), the ratio to raw JCTools
 * ({@link JmhRounds.Ratio}) and to JCTools carrying the same envelopes (the two ratios divided). Stateless.
 */
final class ThroughputJmh {
    static final ToDoubleFunction<RunResult> MESSAGES = r -> score(r.getSecondaryResults().get("messages"));
    /** JMH reports gc.alloc.rate in MB/sec with MB = 2^20 bytes. */
    static final ToDoubleFunction<RunResult> BYTES_PER_MESSAGE = r -> {
        double messages = MESSAGES.applyAsDouble(r);
        return messages > 0 ? score(r.getSecondaryResults().get("gc.alloc.rate")) * 1024 * 1024 / messages
                : Double.NaN;
    };

    private ThroughputJmh() {
    }

    static Map<String, Object> run(Profile profile) throws RunnerException {
        List<JmhRounds.Group> groups = new ArrayList<>();
        for (int burst : ThroughputBenchmark.BURSTS) {
            List<Map<String, String>> candidates = new ArrayList<>();
            for (String transport : ThroughputBenchmark.TRANSPORTS) {
                if (!transport.equals(ThroughputBenchmark.JCTOOLS)) {
                    candidates.add(cell(transport, burst));
                }
            }
            groups.add(new JmhRounds.Group(cell(ThroughputBenchmark.JCTOOLS, burst), candidates));
        }
        JmhRounds.Result result = JmhRounds.run(profile, ThroughputBenchmark.class, groups, true, run ->
                System.out.printf(Locale.ROOT, "  round %d burst %3s %-18s %7.1f M msg/s  %.3f B/msg%n",
                        run.round() + 1, run.params().get("burst"), run.params().get("transport"),
                        MESSAGES.applyAsDouble(run.result()) / 1e6, BYTES_PER_MESSAGE.applyAsDouble(run.result())));
        List<Object> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder("one-way throughput (M messages/s, median over runs; x = ratio to the"
                + " raw JCTools runs around it, median [min-max] over settled brackets; * = medians of all runs)\n");
        text.append(String.format(Locale.ROOT, "%-18s %6s %10s %23s %20s %10s %9s%n", "transport", "burst",
                "M msg/s", "/ jctools", "/ jctools-envelopes", "B/msg", "unsettled"));
        for (int burst : ThroughputBenchmark.BURSTS) {
            Map<String, String> base = cell(ThroughputBenchmark.JCTOOLS, burst);
            JmhRounds.Ratio envelopes = JmhRounds.Ratio.of(result,
                    cell(ThroughputBenchmark.JCTOOLS_ENVELOPES, burst), base, MESSAGES, MESSAGES);
            for (String transport : ThroughputBenchmark.TRANSPORTS) {
                Map<String, String> cell = cell(transport, burst);
                List<JmhRounds.Run> runs = result.runsOf(cell);
                double[] rates = JmhRounds.figures(runs, MESSAGES);
                double bytes = Spread.of(JmhRounds.figures(runs, BYTES_PER_MESSAGE)).max();
                boolean baseline = transport.equals(ThroughputBenchmark.JCTOOLS);
                JmhRounds.Ratio toRaw = baseline ? JmhRounds.Ratio.one()
                        : JmhRounds.Ratio.of(result, cell, base, MESSAGES, MESSAGES);
                double toEnvelopes = toRaw.median() / envelopes.median();
                List<JmhRounds.Bracket> brackets = result.bracketsOf(cell);
                int unsettled = 0;
                for (JmhRounds.Bracket b : brackets) {
                    unsettled += b.settled(MESSAGES) ? 0 : 1;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("transport", transport);
                row.put("burst", burst);
                row.put("messagesPerSecond", Spread.of(rates).median());
                row.put("bytesPerMessage", bytes);
                row.put("perRun", Spread.of(rates).toJson());
                row.put("brackets", brackets.size());
                row.put("unsettledBrackets", unsettled);
                row.put("ratioToJctools", toRaw.toJson());
                row.put("ratioToJctoolsEnvelopes", toEnvelopes);
                rows.add(row);
                text.append(String.format(Locale.ROOT, "%-18s %6d %10.1f %23s %19.2fx %10.3f %9s%n", transport,
                        burst, Spread.of(rates).median() / 1e6, toRaw.text(), toEnvelopes, bytes,
                        baseline ? "-" : unsettled + "/" + brackets.size()));
            }
        }
        System.out.print(text);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "throughput-jmh");
        root.put("unit", "messages/s");
        root.put("rounds", profile.rounds());
        root.put("settledWithin", Double.isInfinite(profile.settledWithin()) ? "any" : profile.settledWithin());
        root.put("bytesPerMessage", "the largest over the runs (JMH's gc.alloc.rate / messages per second)");
        root.put("ratioToJctoolsEnvelopes", "median ratio to raw JCTools over jctools-envelopes' median ratio");
        root.put("rows", rows);
        return root;
    }

    private static Map<String, String> cell(String transport, int burst) {
        return Map.of("transport", transport, "burst", Integer.toString(burst));
    }

    private static double score(Result<?> result) {
        return result == null ? Double.NaN : result.getScore();
    }
}
