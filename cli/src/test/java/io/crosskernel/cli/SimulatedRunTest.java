package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk run --sim} as a user drives it: reproducible reports and journals, faults, noise and refusals. */
@Timeout(120)
class SimulatedRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = "name: pipeline\nduration: 1s\nwarmup: 200ms\nseed: 7\n"
            + "host: {housekeeping: false}\n"
            + "kernels:\n"
            + "  - {name: ingest, type: general, cores: [0]}\n"
            + "  - {name: worker, type: general, cores: [1]}\n"
            + "channels: {capacity: 64, backpressure: retry}\n"
            + "workload:\n"
            + "  - name: orders\n    stream: {rate: 20k/s, arrival: poisson}\n"
            + "    stages: [{kernel: ingest, cost: 2us}, {kernel: worker, cost: 10us}]\n    deadline: 10ms\n"
            + "  - name: spike\n    burst: {at: 500ms, count: 500}\n"
            + "    stages: [{kernel: ingest, cost: 1us}, {kernel: worker, cost: 5us}]\n";

    @TempDir
    Path dir;

    @Test
    void theSameScenarioAndSeedGiveByteIdenticalReportsAndJournals() throws IOException {
        Path scenario = write("pipeline.yaml", PIPELINE);
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report", dir.resolve("a.json")
                .toString(), "--journal", dir.resolve("ja").toString())).as(xk.err()).isZero();
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report", dir.resolve("b.json")
                .toString(), "--journal", dir.resolve("jb").toString())).as(xk.err()).isZero();

        assertThat(Files.readAllBytes(dir.resolve("a.json"))).isEqualTo(Files.readAllBytes(dir.resolve("b.json")));
        JsonNode report = JSON.readTree(dir.resolve("a.json").toFile());
        assertThat(report.path("mode").asText()).isEqualTo("simulated");
        assertThat(report.path("simulation").path("seed").asLong()).isEqualTo(7);
        assertThat(report.path("simulation").path("events").asLong()).isPositive();
        assertThat(workload(report, "orders").path("completed").asLong()).isGreaterThan(15_000);
        assertThat(workload(report, "spike").path("completed").asLong()).isEqualTo(500);
        assertThat(report.path("accounting").path("balanced").asBoolean()).isTrue();

        // Every journal entry, timestamps included (virtual), and the final-state digest replay checks.
        assertThat(xk.run("journal", dir.resolve("ja").toString(), "--json")).as(xk.err()).isZero();
        String entriesA = xk.out();
        assertThat(xk.run("journal", dir.resolve("jb").toString(), "--json")).as(xk.err()).isZero();
        assertThat(xk.out()).isEqualTo(entriesA).contains("\"send\"");
        assertThat(xk.run("replay", dir.resolve("ja").toString())).as(xk.err()).isZero();
        String replayA = xk.out();
        assertThat(xk.run("replay", dir.resolve("jb").toString())).as(xk.err()).isZero();
        // The same but for the directory's name, which the replay prints.
        assertThat(xk.out().replace(dir.resolve("jb").toString(), dir.resolve("ja").toString())).isEqualTo(replayA)
                .contains("replay matches the recorded final state (sha256");
    }

    @Test
    void anotherSeedIsAnotherRun() throws IOException {
        Path scenario = write("pipeline.yaml", PIPELINE);
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report",
                dir.resolve("a.json").toString())).isZero();
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--seed", "8", "--json-report",
                dir.resolve("b.json").toString())).isZero();
        JsonNode a = JSON.readTree(dir.resolve("a.json").toFile());
        JsonNode b = JSON.readTree(dir.resolve("b.json").toFile());
        assertThat(b.path("seed").asLong()).isEqualTo(8);
        assertThat(workload(b, "orders").path("generated").asLong())
                .isNotEqualTo(workload(a, "orders").path("generated").asLong());
    }

    @Test
    void theSixtyFourKernelExampleRunsOnItsTwoHundredFiftySixVirtualCoresAndBalances() throws IOException {
        // examples/sim/wide-64.yaml: 64 kernels of 4 workers each, cores 0..255, on a machine with 2.
        Path scenario = Path.of("..", "examples", "sim", "wide-64.yaml");
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--duration", "200ms", "--json-report",
                dir.resolve("wide.json").toString())).as(xk.err() + xk.out()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("wide.json").toFile());
        assertThat(report.path("kernels")).hasSize(64);
        assertThat(report.path("kernels").get(63).path("cores").get(3).asInt()).isEqualTo(255);
        assertThat(report.path("accounting").path("balanced").asBoolean()).isTrue();
        assertThat(workload(report, "w0").path("completed").asLong()).isGreaterThan(1_000);
        assertThat(workload(report, "w62").path("completed").asLong()).isGreaterThan(1_000);
    }

    @Test
    void faultsAreInjectedAtTheirTimesAndTheAccountingStaysExact() throws IOException {
        Path scenario = write("faults.yaml", PIPELINE + "sim:\n  faults:\n"
                + "    - {fault: stall, core: 1, at: 300ms, for: 5ms}\n"
                + "    - {fault: drop, from: ingest, to: worker, at: 600ms, for: 10ms}\n"
                + "    - {fault: delay, from: ingest, to: worker, at: 800ms, for: 10ms, by: 2ms}\n");
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report",
                dir.resolve("f.json").toString())).as(xk.err() + xk.out()).isZero();
        assertThat(xk.out()).contains("mode: simulated").contains("fault: stall core 1 at 300ms for 5ms");
        JsonNode report = JSON.readTree(dir.resolve("f.json").toFile());
        JsonNode sim = report.path("simulation");
        assertThat(sim.path("faults")).hasSize(3);
        // Lost: the part of the stall during which the core had something to run (it may have been idle at first).
        assertThat(sim.path("lostNanos").asLong()).isBetween(1L, 5_000_000L);
        long dropped = sim.path("droppedByFaults").asLong();
        assertThat(dropped).isBetween(100L, 400L); // 20k/s for 10ms
        assertThat(workload(report, "orders").path("dropped").asLong()).isEqualTo(dropped);
        assertThat(report.path("channels").get(0).path("rejected").asLong()).isEqualTo(dropped);
        assertThat(report.path("accounting").path("balanced").asBoolean()).isTrue();
        // The stall and the delay show in the worst end-to-end latency: at least the delay's 2 ms.
        assertThat(workload(report, "orders").path("e2eNanos").path("max").asLong()).isGreaterThan(2_000_000);
    }

    @Test
    void aCrashedKernelsWorkIsReportedInFlight() throws IOException {
        Path scenario = write("crash.yaml", PIPELINE + "sim:\n  faults:\n    - {fault: crash, kernel: worker, at: 700ms}\n");
        XkConsole xk = new XkConsole(true);
        // The crashed kernel's requests stay in flight: the accounting does not balance, which exits 1.
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report",
                dir.resolve("c.json").toString())).isEqualTo(1);
        JsonNode report = JSON.readTree(dir.resolve("c.json").toFile());
        assertThat(report.path("simulation").path("crashedKernels").get(0).asText()).isEqualTo("worker");
        JsonNode orders = workload(report, "orders");
        assertThat(orders.path("inFlight").asLong()).isPositive();
        assertThat(orders.path("generated").asLong()).isEqualTo(orders.path("completed").asLong()
                + orders.path("failed").asLong() + orders.path("dropped").asLong() + orders.path("inFlight").asLong());
        assertThat(report.path("accounting").path("balanced").asBoolean()).isFalse();
    }

    @Test
    void noiseStallsTheCoresReproducibly() throws IOException {
        Path scenario = write("pipeline.yaml", PIPELINE);
        Path noise = write("noise.yaml", "hiccups:\n  rate: 200/s\n  duration: {p0: 5us, p50: 20us, p100: 1ms}\n");
        XkConsole xk = new XkConsole(true);
        for (String name : new String[] {"n1.json", "n2.json"}) {
            assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--noise", noise.toString(),
                    "--json-report", dir.resolve(name).toString())).as(xk.err()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("n1.json"))).isEqualTo(Files.readAllBytes(dir.resolve("n2.json")));
        JsonNode sim = JSON.readTree(dir.resolve("n1.json").toFile()).path("simulation");
        assertThat(sim.path("noise").asText()).isEqualTo(noise.toString());
        assertThat(sim.path("hiccups").asLong()).isPositive();
        assertThat(sim.path("lostNanos").asLong()).isPositive();
    }

    @Test
    void whatASimulatedRunCannotReproduceIsBadInputNamingIt() throws IOException {
        XkConsole xk = new XkConsole(true);
        Path socket = write("socket.yaml", PIPELINE.replace("  - {name: ingest, type: general, cores: [0]}",
                "  - {name: ingest, type: io, cores: [0], settings: {udpPort: 0}}"));
        assertThat(xk.run("run", socket.toString(), "--sim", "--quiet")).isEqualTo(2);
        assertThat(xk.err()).contains("socket.yaml:7:").contains("udpPort").contains("simulated run");

        Path compute = write("compute.yaml", PIPELINE.replace("type: general, cores: [1]",
                "type: compute, cores: [1]"));
        assertThat(xk.run("run", compute.toString(), "--sim", "--quiet")).isEqualTo(2);
        assertThat(xk.err()).contains("compute.yaml:").contains("cannot be simulated");

        Path scenario = write("pipeline.yaml", PIPELINE);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--jfr", dir.resolve("r.jfr").toString())).isEqualTo(2);
        assertThat(xk.err()).contains("--jfr");
        assertThat(xk.run("run", scenario.toString(), "--noise", "n.yaml")).isEqualTo(2);
        assertThat(xk.err()).contains("--noise").contains("--sim");
    }

    @Test
    void aMalformedCalibrationOrNoiseFileIsBadInputAtItsPosition() throws IOException {
        XkConsole xk = new XkConsole(true);
        Path scenario = write("pipeline.yaml", PIPELINE);
        Path calibration = write("cal.yaml", "dutyCycle: 50ns\nhop: {p0: 70ns, p50: 60ns, p100: 1us}\n");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--calibration", calibration.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("cal.yaml:2:").contains("p50");
        Path noise = write("noise.yaml", "hiccups:\n  rate: fast\n  duration: 5us\n");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--noise", noise.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("noise.yaml:2:").contains("fast");
        Path unknown = write("cal2.yaml", "hops: 70ns\n");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--calibration", unknown.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("cal2.yaml:1:1").contains("hops");
    }

    @Test
    void aCalibrationFileSetsTheHopLatency() throws IOException {
        XkConsole xk = new XkConsole(true);
        Path scenario = write("pipeline.yaml", PIPELINE);
        Path calibration = write("cal.yaml", "hop: 1ms\n");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--calibration", calibration.toString(),
                "--json-report", dir.resolve("cal.json").toString())).as(xk.err()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("cal.json").toFile());
        assertThat(report.path("simulation").path("hopLatency").asText()).isEqualTo("1ms");
        // Every order crosses one hop: no end-to-end latency below it.
        assertThat(workload(report, "orders").path("e2eNanos").path("min").asLong()).isGreaterThanOrEqualTo(
                1_000_000);
    }

    private JsonNode workload(JsonNode report, String name) {
        for (JsonNode workload : report.path("workloads")) {
            if (workload.path("name").asText().equals(name)) {
                return workload;
            }
        }
        throw new AssertionError("no workload " + name + " in " + report);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
