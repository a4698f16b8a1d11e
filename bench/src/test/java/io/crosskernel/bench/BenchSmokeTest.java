package io.crosskernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.bench.isolation.IsolationBenchmark;
import io.crosskernel.bench.isolation.IsolationForks;
import io.crosskernel.bench.journal.JournalTailBenchmark;
import io.crosskernel.bench.plain.PlainRoundTrip;
import io.crosskernel.bench.roundtrip.Transports;
import io.crosskernel.bench.throughput.ThroughputBenchmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code smoke} profile of {@link Bench} end to end and checks the shape of what it writes: every transport,
 * burst size and set-up is present and every number is finite. Timings are never asserted.
 */
class BenchSmokeTest {

    @Test
    void smokeProfileWritesEveryResultWithFiniteNumbers(@TempDir Path dir) throws Exception {
        Map<String, Object> summary = Bench.run(Profile.SMOKE, dir, "realtime",
                List.of(IsolationForks.Collector.values()), Path.of(System.getProperty("java.home")));

        Path file = dir.resolve(Bench.SUMMARY);
        assertThat(file).exists();
        for (String name : List.of("roundtrip-jmh.json", "roundtrip-b2b.json", "roundtrip-hdr.json",
                "roundtrip-plain.json", "throughput-jmh.json",
                "journal-jmh.json", "isolation.json", "isolation-g1.json", "isolation-zgc.json")) {
            assertThat(dir.resolve(name)).exists();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("non-finite numbers are written as null").doesNotContain(": null");

        assertThat(column(section(summary, "roundtripJmh"), "transports", "transport"))
                .containsExactlyElementsOf(Transports.ALL);
        assertThat(column(section(summary, "roundtripHdr"), "transports", "transport"))
                .containsExactlyElementsOf(Transports.ALL);
        assertThat(column(section(summary, "roundtripBackToBack"), "transports", "transport"))
                .containsExactlyElementsOf(Transports.ALL);
        assertThat(column(section(summary, "roundtripPlain"), "segments", "transport"))
                .containsExactlyElementsOf(PlainRoundTrip.TRANSPORTS);
        List<Object> bursts = new ArrayList<>();
        for (Object row : list(section(summary, "throughputJmh"), "rows")) {
            Map<?, ?> r = (Map<?, ?>) row;
            bursts.add(r.get("transport") + "/" + r.get("burst"));
        }
        List<String> expected = new ArrayList<>();
        for (int burst : ThroughputBenchmark.BURSTS) {
            for (String transport : ThroughputBenchmark.TRANSPORTS) {
                expected.add(transport + "/" + burst);
            }
        }
        assertThat(bursts).containsExactlyInAnyOrderElementsOf(expected);

        assertThat(column(section(summary, "journalJmh"), "hop", "journal")).containsExactly("off", "digest");
        assertThat(column(section(summary, "journalJmh"), "appendTail", "mode"))
                .containsExactly(JournalTailBenchmark.APPEND, JournalTailBenchmark.APPEND_TAIL);

        List<Object> collectors = new ArrayList<>();
        for (Object run : list(section(summary, "isolation"), "byCollector")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) run;
            collectors.add(r.get("collector"));
            assertThat(column(r, "setups", "setup")).containsExactlyElementsOf(IsolationBenchmark.SETUPS);
        }
        assertThat(collectors).containsExactly("g1", "zgc");

        assertThat(summary.get("targets")).isInstanceOf(List.class);
        assertThat((List<?>) summary.get("targets")).isNotEmpty().allSatisfy(t ->
                assertThat(((Map<?, ?>) t).get("met")).isInstanceOf(Boolean.class));

        List<String> numbers = new ArrayList<>();
        collectNumbers(summary, "", numbers);
        assertThat(numbers).as("numbers in the summary").isNotEmpty().allSatisfy(n ->
                assertThat(n).doesNotContain("NaN").doesNotContain("Infinity"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> summary, String key) {
        assertThat(summary).containsKey(key);
        return (Map<String, Object>) summary.get(key);
    }

    private static List<?> list(Map<String, Object> section, String key) {
        assertThat(section.get(key)).isInstanceOf(List.class);
        return (List<?>) section.get(key);
    }

    private static List<Object> column(Map<String, Object> section, String listKey, String field) {
        List<Object> values = new ArrayList<>();
        for (Object row : list(section, listKey)) {
            values.add(((Map<?, ?>) row).get(field));
        }
        return values;
    }

    /** Every number in the tree, as "path=value", so a failure names the figure. */
    private static void collectNumbers(Object node, String path, List<String> out) {
        if (node instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                collectNumbers(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (node instanceof List) {
            List<?> l = (List<?>) node;
            for (int i = 0; i < l.size(); i++) {
                collectNumbers(l.get(i), path + "[" + i + "]", out);
            }
        } else if (node instanceof Number) {
            out.add(path + "=" + node);
        }
    }
}
