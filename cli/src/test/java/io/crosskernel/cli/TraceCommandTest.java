package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosskernel.api.trace.HopOutcome;
import io.crosskernel.hypervisor.trace.Trace;
import io.crosskernel.hypervisor.trace.TraceHop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk run --trace-out} and {@code xk trace} as a user drives them. */
@Timeout(60)
class TraceCommandTest {
    private static final String THREE_KERNELS = "name: traced\nduration: 300ms\nseed: 3\n"
            + "host: {oversubscribe: true, housekeeping: false}\n"
            + "kernels:\n"
            + "  - {name: ingest, type: general, cores: [0], idle: backoff}\n"
            + "  - {name: risk, type: general, cores: [1], idle: backoff}\n"
            + "  - {name: book, type: general, cores: [0], idle: backoff}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 2k/s}\n"
            + "    stages: [{kernel: ingest, cost: 2us}, {kernel: risk, cost: 3us}, {kernel: book, cost: 1us}]\n";

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole(true);

    private static TraceHop hop(int stage, String kernel, long arrived, long received, long done, long transit,
            HopOutcome outcome) {
        return new TraceHop(stage, kernel, stage, 0, arrived, received, done, done - received, transit, outcome);
    }

    private Path sampleFile() throws IOException {
        Trace fast = new Trace(11, 11, 0, "orders", 2, 1_000, true, 5_000,
                List.of(hop(0, "ingest", 0, 0, 2_000, 0, HopOutcome.FORWARDED),
                        hop(1, "risk", 2_000, 2_500, 5_000, 500, HopOutcome.COMPLETED)));
        Trace slow = new Trace(22, 22, 0, "orders", 2, 2_000, true, 90_000,
                List.of(hop(0, "ingest", 0, 0, 3_000, 0, HopOutcome.HELD),
                        hop(1, "risk", 40_000, 41_000, 90_000, 38_000, HopOutcome.COMPLETED)));
        Trace dropped = new Trace(33, 33, 0, "orders", 2, 3_000, false, 1_500,
                List.of(hop(0, "ingest", 0, 0, 1_500, 0, HopOutcome.DROPPED)));
        Path file = dir.resolve("t.jsonl");
        TraceFile.write(List.of(fast, slow, dropped), file);
        return file;
    }

    @Test
    void runWritesOneTracePerLineAndTraceShowsThreeHopsInOrder() throws IOException {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, THREE_KERNELS);
        Path traces = dir.resolve("out/traces.jsonl");

        int code = console.run("run", scenario.toString(), "--quiet", "--trace-out", traces.toString(), "--trace-sample",
                "100%");

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).containsPattern("\\d+ traces \\(\\d+ complete, sample 100%\\) written to ");
        List<String> lines = Files.readAllLines(traces);
        assertThat(lines).hasSizeGreaterThan(10);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("complete").asBoolean()).isTrue();
        assertThat(first.path("hops")).hasSize(3);
        for (String key : new String[] {"stage", "kernel", "kernelId", "worker", "arrivedNanos", "receivedNanos",
                "doneNanos", "atStageNanos", "transitNanos", "outcome"}) {
            assertThat(first.path("hops").get(0).has(key)).as(key).isTrue();
        }

        code = console.run("trace", traces.toString(), "--id", first.path("traceId").asText());

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        String text = console.out();
        assertThat(text).contains("route orders: complete", "hop", "transit");
        assertThat(text.indexOf("ingest[0]")).isPositive().isLessThan(text.indexOf("risk[0]"));
        assertThat(text.indexOf("risk[0]")).isLessThan(text.indexOf("book[0]"));
        assertThat(text).contains("forwarded", "completed");
    }

    @Test
    void idPrintsTheHopTableWithTransitBetweenKernels() throws IOException {
        int code = console.run("trace", sampleFile().toString(), "--id", "22");

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).isEqualTo(
                "trace 22 (request 22), route orders: complete, end-to-end 90us\n"
                + "  hop  kernel     stage  arrived  received  done  at stage  transit  outcome\n"
                + "    1  ingest[0]      0      0ns       0ns   3us       3us        -  held\n"
                + "    2  risk[0]        1     40us      41us  90us      49us     38us  completed\n");
    }

    @Test
    void slowestListsTheLongestEndToEndFirst() throws IOException {
        int code = console.run("trace", sampleFile().toString(), "--slowest", "2");

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        String text = console.out();
        assertThat(text).startsWith("3 traces (2 complete); the 2 slowest end to end:");
        assertThat(text.indexOf(" 22 ")).isPositive().isLessThan(text.indexOf(" 11 "));
        assertThat(text).doesNotContain(" 33 ").contains("ingest 3us -> risk 49us");
    }

    @Test
    void withoutAnOptionShowsTheSlowestAndMarksIncompleteTraces() throws IOException {
        int code = console.run("trace", sampleFile().toString());

        assertThat(code).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("the 3 slowest", "incomplete (1 of 2 stages, last dropped)");
    }

    @Test
    void anUnknownIdIsBadInputThatSaysHowToFindOne() throws IOException {
        assertThat(console.run("trace", sampleFile().toString(), "--id", "99")).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("no trace with id 99", "--slowest");
    }

    @Test
    void aMissingOrForeignFileIsBadInput() throws IOException {
        assertThat(console.run("trace", dir.resolve("none.jsonl").toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("does not exist", "--trace-out");

        Path json = dir.resolve("report.json");
        Files.writeString(json, "{\"scenario\": \"x\"}\n");
        assertThat(console.run("trace", json.toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("line 1 is not a trace");

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello\n");
        assertThat(console.run("trace", text.toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("line 1 is not a trace (not JSON)");
    }

    @Test
    void badSlowestCountsAndConflictingOptionsAreBadInput() throws IOException {
        Path file = sampleFile();
        assertThat(console.run("trace", file.toString(), "--slowest", "0")).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--slowest must be at least 1");
        assertThat(console.run("trace", file.toString(), "--slowest", "2", "--id", "11")).isEqualTo(Xk.BAD_INPUT);
    }

    @Test
    void badSampleRatesAreBadInputBeforeAnythingRuns() throws IOException {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, THREE_KERNELS);
        String traces = dir.resolve("t.jsonl").toString();
        for (String rate : new String[] {"0", "1.5", "150%", "-1%", "abc", "0%"}) {
            assertThat(console.run("run", scenario.toString(), "--trace-out", traces, "--trace-sample", rate))
                    .as(rate).isEqualTo(Xk.BAD_INPUT);
            assertThat(console.err()).contains("--trace-sample must be");
        }
        assertThat(console.run("run", scenario.toString(), "--trace-sample", "1%")).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("need --trace-out");
        assertThat(Files.exists(dir.resolve("t.jsonl"))).isFalse();
    }

    @Test
    void sampleRatesParseAsFractionsOrPercentages() {
        assertThat(TraceSampleRate.parse("0.01")).isEqualTo(0.01);
        assertThat(TraceSampleRate.parse("1%")).isEqualTo(0.01);
        assertThat(TraceSampleRate.parse(" 25 % ")).isEqualTo(0.25);
        assertThat(TraceSampleRate.parse("1")).isEqualTo(1.0);
        assertThat(TraceSampleRate.format(0.01)).isEqualTo("1%");
        assertThat(TraceSampleRate.format(0.0025)).isEqualTo("0.25%");
    }
}
