package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosskernel.cli.html.HtmlReportTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code xk sweep} end to end: simulated and real points, its files, and every kind of bad input. */
class SweepCommandTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int xk(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Xk.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int sweep(Path scenario, String set, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", scenario.toString(), "--set", set));
        args.addAll(List.of(more));
        return xk(args.toArray(String[]::new));
    }

    @Test
    void aSimulatedSweepWritesTheSameJsonTwiceAndAChartWithASeriesPerWorkloadPerScenario() throws Exception {
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(QUICKSTART).replace("name: quickstart", "name: other")
                .replace("cost: 10us", "cost: 30us"));

        int first = sweep(QUICKSTART, "orders.stream.rate=10k..30k:3", "--sim", "--duration", "1s", "--against",
                other.toString(), "--out", dir.resolve("a").toString());
        assertThat(first).as(err).isZero();
        assertThat(out).contains("[6/6]", "workload.orders.stream.rate=30k/s", "miss rate");
        int second = sweep(QUICKSTART, "orders.stream.rate=10k..30k:3", "--sim", "--duration", "1s", "--against",
                other.toString(), "--out", dir.resolve("b").toString());
        assertThat(second).as(err).isZero();

        byte[] json = Files.readAllBytes(dir.resolve("a").resolve("sweep.json"));
        assertThat(json).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve("sweep.json")));
        JsonNode sweep = MAPPER.readTree(json);
        assertThat(sweep.path("key").asText()).isEqualTo("workload.orders.stream.rate");
        assertThat(sweep.path("xAxis").asText()).isEqualTo("offeredPerSecond");
        assertThat(sweep.path("scenarios")).hasSize(2);
        JsonNode points = sweep.path("scenarios").get(0).path("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).path("value").asText()).isEqualTo("10k/s");
        // The quick start's expectations want its 3 s burst, which a 1 s run never releases: exit 1, figures kept.
        assertThat(points.get(2).path("status").asText()).isEqualTo("expectations-failed");
        assertThat(points.get(2).path("exitCode").asInt()).isEqualTo(Xk.EXPECTATION_FAILED);
        JsonNode orders = points.get(2).path("workloads").get(0);
        assertThat(orders.path("name").asText()).isEqualTo("orders");
        assertThat(orders.path("offeredPerSecond").asDouble()).isEqualTo(30_000.0);
        assertThat(orders.path("completed").asLong()).isPositive();
        assertThat(orders.path("p99Nanos").asLong()).isGreaterThanOrEqualTo(orders.path("p50Nanos").asLong());
        assertThat(points.get(0).path("offeredPerSecond").asDouble())
                .isLessThan(points.get(2).path("offeredPerSecond").asDouble());
        assertThat(dir.resolve("a").resolve(points.get(0).path("report").asText())).isRegularFile();

        String html = Files.readString(dir.resolve("a").resolve("sweep.html"));
        // Three workloads (orders, tick, spike): a latency chart each with p50/p99/p99.9 per scenario (6 lines; the
        // spike's burst at 3 s falls after a 2 s run, so its lines have no points and draw nothing), and the miss
        // rate chart with one line per workload per scenario that has a deadline (orders and tick: 4).
        Document page = HtmlReportTest.assertWellFormedAndSelfContained(html, 6, 6, 0, 4);
        NodeList charts = page.getElementsByTagNameNS(SVG, "svg");
        Element missChart = (Element) charts.item(3);
        NodeList series = missChart.getElementsByTagNameNS(SVG, "g");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < series.getLength(); i++) {
            names.add(series.item(i).getTextContent());
        }
        assertThat(names).containsExactly("quickstart orders", "quickstart tick", "other orders", "other tick");
        assertThat(missChart.getTextContent()).contains("quickstart spike (no data)", "other spike (no data)");
    }

    @Test
    void aRealSweepRunsEachPointAsARunInAJvmOfItsOwn() throws Exception {
        Path scenario = dir.resolve("tiny.yaml");
        Files.writeString(scenario, "name: tiny\nduration: 300ms\nseed: 3\n"
                + "host: {housekeeping: false, oversubscribe: true}\n"
                + "kernels:\n  - {name: work, type: general, cores: [0], idle: backoff}\n"
                + "workload:\n  - name: w\n    stream: {rate: 1k/s, arrival: constant}\n    kernel: work\n"
                + "    cost: 5us\n    deadline: 50ms\n");

        int code = sweep(scenario, "w.cost=5us..10us:2", "--out", dir.resolve("real").toString());

        assertThat(code).as(out + err).isZero();
        JsonNode points = MAPPER.readTree(dir.resolve("real").resolve("sweep.json").toFile())
                .path("scenarios").get(0).path("points");
        assertThat(points).hasSize(2);
        for (JsonNode point : points) {
            assertThat(point.path("status").asText()).isEqualTo("ok");
            assertThat(point.path("exitCode").asInt()).isZero();
            assertThat(point.path("workloads").get(0).path("completed").asLong()).isBetween(250L, 350L);
        }
        assertThat(MAPPER.readTree(dir.resolve("real").resolve("sweep.json").toFile()).path("xAxis").asText())
                .isEqualTo("offeredUtilisation");
        assertThat(Files.readString(dir.resolve("real").resolve("points").resolve("tiny-01.log")))
                .contains("crosskernel: running tiny");
    }

    @Test
    void aValueTheScenarioRefusesIsARefusedPointAndTheSweepGoesOn() throws Exception {
        int code = sweep(Path.of("..", "examples", "realtime.yaml"), "control.cost=50us..1ms:4", "--sim",
                "--duration", "200ms", "--out", dir.resolve("r").toString());

        assertThat(code).as(err).isZero();
        JsonNode sweep = MAPPER.readTree(dir.resolve("r").resolve("sweep.json").toFile());
        JsonNode points = sweep.path("scenarios").get(0).path("points");
        assertThat(points.get(1).path("value").asText()).isEqualTo("366.667us");
        for (int i = 0; i < 2; i++) {
            assertThat(points.get(i).path("status").asText()).isIn("ok", "expectations-failed");
            assertThat(points.get(i).path("workloads").get(0).path("completed").asLong()).isPositive();
        }
        assertThat(points.get(3).path("status").asText()).isEqualTo("refused");
        assertThat(points.get(3).path("exitCode").asInt()).isEqualTo(Xk.BAD_INPUT);
        assertThat(points.get(3).path("problem").asText()).contains("cannot admit its workload");
        // A refused point offers no load to compare: the cost changes the CPU asked for, not the request rate.
        assertThat(sweep.path("xAxis").asText()).isEqualTo("offeredUtilisation");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "orders.stream.rat=1k..2k:3 | quickstart.yaml:31:13: no value 'orders.stream.rat' to set | did you mean 'workload.orders.stream.rate'?",
            "orders.stream.arrival=1..2:3 | quickstart.yaml:31:36: 'workload.orders.stream.arrival' is 'poisson', not a number | numeric keys near it: workload.orders.stream.rate",
            "orders.cost=1us..2us:3 | quickstart.yaml:30:5: no value 'orders.cost' to set | workload.orders.stages.ingest.cost, workload.orders.stages.worker.cost",
            "orders.stream.rate=2k..1k:3 | --set orders.stream.rate=2k..1k:3: the range 2k..1k runs backwards | 1k..2k:3",
            "orders.stream.rate=1k..1k:3 | the range 1k..1k is empty | give a wider range",
            "orders.stream.rate=1k..2k:1 | a sweep needs 2 to 1000 points, got 1 | 10k..100k:10",
            "orders.stream.rate=1ms..2ms:3 | '1ms..2ms' is not written like the key's value '20k/s' (a rate) | 10k..100k:10",
            "orders.stream.rate=1k-2k | '1k-2k' is not a range | FROM..TO:POINTS",
            "orders.stages=1..2:2 | 'orders.stages' is a list, not a single value | workload.orders.stages.worker.cost",
            "channels.capacity=1..3:9 | 9 points from 1 to 3 give 1 twice once rounded (to whole numbers) | use fewer points"})
    void badInputIsOneLineAndExitTwo(String set, String problem, String hint) {
        int code = sweep(QUICKSTART, set.strip(), "--sim", "--out", dir.resolve("never").toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(err.strip()).startsWith("error: ").contains(problem.strip(), hint.strip()).doesNotContain("\n",
                "Exception");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void anAgainstFileThatDoesNotParseIsBadInputAtItsPosition() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: broken\ndration: 1s\n");

        int code = sweep(QUICKSTART, "orders.stream.rate=1k..2k:2", "--sim", "--against", broken.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(err).contains("broken.yaml:2:1: unknown key 'dration'");
    }

    @Test
    void anOutputDirectoryThatIsNotEmptyIsRefusedBeforeAnythingRuns() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "x");

        int code = sweep(QUICKSTART, "orders.stream.rate=1k..2k:2", "--sim", "--out", dir.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(err).contains("is not empty");
        assertThat(dir.resolve("sweep.json")).doesNotExist();
    }

    /** Every simulated point charges the calibration file's figures; its noise and calibration need --sim. */
    @Test
    void aSimulatedSweepChargesTheCalibrationFileAtEveryPoint() throws Exception {
        Path slowHop = Files.writeString(dir.resolve("slow.yaml"), "hop: 1ms\n");
        int code = sweep(QUICKSTART, "orders.stream.rate=1k..2k:2", "--sim", "--duration", "500ms",
                "--calibration", slowHop.toString(), "--out", dir.resolve("s").toString());
        assertThat(code).as(err).isIn(0, Xk.EXPECTATION_FAILED);
        JsonNode points = MAPPER.readTree(dir.resolve("s").resolve("sweep.json").toFile()).path("scenarios").get(0)
                .path("points");
        for (JsonNode point : points) {
            JsonNode report = MAPPER.readTree(dir.resolve("s").resolve(point.path("report").asText()).toFile());
            assertThat(report.path("simulation").path("calibration").asText()).isEqualTo(slowHop.toString());
            // Every order crosses one hop of 1ms.
            assertThat(point.path("workloads").get(0).path("p50Nanos").asLong()).isGreaterThanOrEqualTo(1_000_000);
        }

        assertThat(sweep(QUICKSTART, "orders.stream.rate=1k..2k:2", "--calibration", slowHop.toString()))
                .isEqualTo(Xk.BAD_INPUT);
        assertThat(err).contains("--calibration only applies to a simulated run: add --sim");
        Path badNoise = Files.writeString(dir.resolve("noise.yaml"), "hiccups:\n  rate: often\n  duration: 5us\n");
        assertThat(sweep(QUICKSTART, "orders.stream.rate=1k..2k:2", "--sim", "--noise", badNoise.toString(),
                "--out", dir.resolve("never").toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(err).contains("noise.yaml:2:").contains("often");
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
