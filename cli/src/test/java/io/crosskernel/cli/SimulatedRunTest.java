package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xk run --sim} as a user drives it: reproducible reports and journals, every kernel type (the flagship and
 * its monolithic baseline), the compute kernel's model, replayed ingress, faults, noise and refusals.
 */
@Timeout(120)
class SimulatedRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final int DATAGRAMS = 200;
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
        Path scenario = write("pipeline.yaml", PIPELINE);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--jfr", dir.resolve("r.jfr").toString())).isEqualTo(2);
        assertThat(xk.err()).contains("--jfr");
        assertThat(xk.run("run", scenario.toString(), "--noise", "n.yaml")).isEqualTo(2);
        assertThat(xk.err()).contains("--noise").contains("--sim");
        assertThat(xk.run("run", scenario.toString(), "--sim-ingress", dir.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("--sim-ingress").contains("add --sim");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--sim-ingress", dir.resolve("none").toString()))
                .isEqualTo(2);
        assertThat(xk.err()).contains("--sim-ingress").contains("no journal directory");
    }

    /**
     * A socket and a ForkJoin pool are no reason to refuse: the io kernel opens no socket and its ingress workload
     * receives nothing (the report says so, naming it), the compute kernel runs its chunks in its workers' cycles.
     */
    @Test
    void socketsAndComputeKernelsRunInSimulationAndTheReportSaysWhatIngressReceives() throws IOException {
        Path scenario = write("both.yaml", PIPELINE
                .replace("  - {name: ingest, type: general, cores: [0]}",
                        "  - {name: ingest, type: io, cores: [0], settings: {udpPort: 0, tcpPort: 0}}")
                .replace("type: general, cores: [1]", "type: compute, cores: [1, 2]")
                + "  - name: telemetry\n    ingress: {protocol: udp}\n"
                + "    stages: [{kernel: ingest, cost: 1us}, {kernel: worker, cost: 4us}]\n");
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--json-report", dir.resolve("both.json").toString()))
                .as(xk.err() + xk.out()).isZero();
        assertThat(xk.out()).contains("  ingress: workload 'telemetry' (udp ingress) receives nothing")
                .doesNotContain("127.0.0.1:");
        JsonNode report = JSON.readTree(dir.resolve("both.json").toFile());
        assertThat(report.path("simulation").path("omitted").toString()).contains("workload 'telemetry'");
        assertThat(workload(report, "telemetry").path("generated").asLong()).isZero();
        assertThat(workload(report, "spike").path("completed").asLong()).isEqualTo(500);
        assertThat(report.path("accounting").path("balanced").asBoolean()).isTrue();
        JsonNode worker = report.path("kernels").get(1).path("details");
        assertThat(worker.path("poolThreads")).isEmpty();
        assertThat(worker.path("parallelism").asInt()).isEqualTo(2);
        // Worker 1 took chunks too: the batches were spread over both virtual cores.
        assertThat(worker.path("steals").asLong()).isPositive();
    }

    /**
     * The model of docs/SIMULATION.md ("The compute kernel"): a 12 ms batch cut into 6 chunks of 2 ms on 4 idle
     * virtual cores takes ceil(6 / 4) = 2 chunks on the most loaded core, 4 ms; cut into 4 it takes 3 ms.
     */
    @Test
    void aComputeBatchFinishesWhenItsMostLoadedVirtualCoreFinishes() throws IOException {
        for (int split : new int[] {6, 4}) {
            Path scenario = write("batch" + split + ".yaml", "name: batch\nduration: 200ms\nseed: 1\n"
                    + "host: {housekeeping: false}\n"
                    + "kernels:\n  - {name: crunch, type: compute, cores: [0, 1, 2, 3], idle: busy-spin,"
                    + " settings: {split: " + split
                    + "}}\n"
                    + "workload:\n  - name: job\n    burst: {at: 50ms, count: 1}\n"
                    + "    kernel: crunch\n    cost: 12ms\n");
            XkConsole xk = new XkConsole(true);
            Path json = dir.resolve("batch" + split + ".json");
            assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report", json.toString()))
                    .as(xk.err()).isZero();
            JsonNode job = workload(JSON.readTree(json.toFile()), "job");
            assertThat(job.path("completed").asLong()).isEqualTo(1);
            long expected = split == 6 ? 4_000_000 : 3_000_000;
            // Plus a few calibrated duty cycles and units of work (50 and 400 ns each), within the histogram's
            // precision; the dispatcher busy-spins, so the burst is seen when it arrives.
            assertThat(job.path("e2eNanos").path("max").asLong()).as("split " + split)
                    .isBetween(expected - expected / 500, expected + expected / 500);
        }
    }

    /**
     * The flagship, simulated: every kernel type of the file runs (the io kernel's UDP ingress receives nothing),
     * the real-time kernel misses no deadline, and a second run gives the same bytes and the same journal digest.
     */
    @Test
    @Timeout(600)
    void theFlagshipRunsInSimulationWithoutAMissAndTheSameBytesTwice() throws IOException {
        Path scenario = write("mixed-criticality.yaml", Files.readString(EXAMPLES.resolve("mixed-criticality.yaml"))
                .replace("dir: xk-data/mixed-criticality", "dir: " + dir.resolve("store")));
        XkConsole xk = new XkConsole(true);
        for (String run : new String[] {"a", "b"}) {
            assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--json-report",
                    dir.resolve(run + ".json").toString(), "--journal", dir.resolve("j" + run).toString()))
                    .as(xk.err() + xk.out()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("a.json"))).isEqualTo(Files.readAllBytes(dir.resolve("b.json")));
        assertThat(xk.run("replay", dir.resolve("ja").toString())).as(xk.err()).isZero();
        String digest = digest(xk.out());
        assertThat(xk.run("replay", dir.resolve("jb").toString())).as(xk.err()).isZero();
        assertThat(digest(xk.out())).isEqualTo(digest);

        JsonNode report = JSON.readTree(dir.resolve("a.json").toFile());
        for (String task : new String[] {"control", "supervisor"}) {
            JsonNode workload = workload(report, task);
            assertThat(workload.path("completed").asLong()).as(task).isPositive();
            assertThat(workload.path("deadlineMisses").asLong()).as(task).isZero();
            assertThat(workload.path("missesByCause").path("scheduling").asLong()).as(task).isZero();
        }
        assertThat(workload(report, "burst").path("completed").asLong()).isEqualTo(40_000);
        assertThat(workload(report, "batch").path("completed").asLong()).isPositive();
        assertThat(report.path("accounting").path("balanced").asBoolean()).isTrue();
        assertThat(report.path("simulation").path("omitted").toString()).contains("workload 'telemetry'");
    }

    /** The monolithic baseline, simulated: its control loop misses behind batch jobs, every miss scheduling. */
    @Test
    @Timeout(300)
    void theMonolithicBaselineInSimulationMissesOnlyByScheduling() throws IOException {
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", EXAMPLES.resolve("monolithic.yaml").toString(), "--sim", "--quiet",
                "--json-report", dir.resolve("mono.json").toString())).as(xk.err() + xk.out()).isZero();
        JsonNode control = workload(JSON.readTree(dir.resolve("mono.json").toFile()), "control");
        long misses = control.path("deadlineMisses").asLong();
        assertThat(misses).isPositive();
        assertThat(control.path("missesByCause").path("scheduling").asLong()).isEqualTo(misses);
    }

    /**
     * A real run journals every datagram its UDP ingress reads (an INGRESS entry with its time); a simulated run of
     * the same file replays them with --sim-ingress, at their recorded offsets.
     */
    @Test
    @Timeout(300)
    void aSimulatedRunReplaysTheIngressArrivalsARealRunJournaled() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path scenario = write("ingress.yaml", "name: ingress\nduration: 3s\nseed: 5\n"
                + "host: {housekeeping: false, oversubscribe: true}\n"
                + "kernels:\n  - {name: net, type: io, cores: [0], idle: backoff, settings: {udpPort: " + port
                + "}}\n"
                + "  - {name: app, type: general, cores: [0], idle: backoff}\n"
                + "workload:\n  - name: telemetry\n    ingress: {protocol: udp}\n"
                + "    stages: [{kernel: net, cost: 1us}, {kernel: app, cost: 2us}]\n");
        Path journal = dir.resolve("real-journal");
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            XkConsole realRun = new XkConsole();
            Future<Integer> real = background.submit(() -> realRun.run("run", scenario.toString(), "--quiet",
                    "--json-report", dir.resolve("real.json").toString(), "--journal", journal.toString()));
            awaitBound(port, real, realRun);
            try (DatagramChannel client = DatagramChannel.open()) {
                InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                for (long i = 0; i < DATAGRAMS; i++) {
                    client.send(ByteBuffer.allocate(16).putLong(i).putLong(-i).flip(), target);
                }
            }
            assertThat(real.get(120, TimeUnit.SECONDS)).isZero();
        } finally {
            background.shutdownNow();
        }
        long received = workload(JSON.readTree(dir.resolve("real.json").toFile()), "telemetry").path("generated")
                .asLong();
        assertThat(received).isEqualTo(DATAGRAMS);
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("journal", journal.toString(), "--type", "ingress", "--json")).as(xk.err()).isZero();
        assertThat(xk.out().lines().filter(line -> line.contains("\"type\":\"ingress\"")))
                .hasSize(DATAGRAMS).allMatch(line -> line.contains("\"kernel\":\"net\""));

        assertThat(xk.run("run", scenario.toString(), "--sim", "--sim-ingress", journal.toString(),
                "--json-report", dir.resolve("sim.json").toString())).as(xk.err() + xk.out()).isZero();
        assertThat(xk.out()).contains("  ingress: workload 'telemetry' (udp ingress) replays the " + DATAGRAMS
                + " arrivals recorded in journal " + journal);
        JsonNode telemetry = workload(JSON.readTree(dir.resolve("sim.json").toFile()), "telemetry");
        assertThat(telemetry.path("generated").asLong()).isEqualTo(DATAGRAMS);
        assertThat(telemetry.path("completed").asLong()).isEqualTo(DATAGRAMS);
    }

    /**
     * Until the io kernel of the run in {@code run} holds UDP {@code port}, or 60 s. Read from /proc/net/udp and
     * udp6 rather than by trying to bind the port, which would take it from the run while it boots.
     */
    private static void awaitBound(int port, Future<Integer> run, XkConsole console) throws Exception {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !run.isDone()) {
            // The JDK opens a dual-stack socket where it can: it shows in udp6 even when bound to 127.0.0.1.
            if (Files.readString(Path.of("/proc/net/udp")).contains(local)
                    || Files.readString(Path.of("/proc/net/udp6")).contains(local)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling interval, not a sync point
        }
        throw new AssertionError("the run never bound UDP port " + port + (run.isDone() ? ": it ended with exit "
                + run.get() + ": " + console.err() + console.out() : ""));
    }

    private static String digest(String replayOutput) {
        Matcher m = Pattern.compile("sha256 ([0-9a-f]{64})").matcher(replayOutput);
        assertThat(m.find()).as(replayOutput).isTrue();
        return m.group(1);
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

    /**
     * The storage kernel's real work takes no virtual time by itself: it charges its calibrated cost, the kernel
     * type's default or the calibration file's, and the report lists what it was charged.
     */
    @Test
    void theStorageKernelsRealWorkIsChargedItsCalibratedCost() throws IOException {
        Path scenario = write("store.yaml", "name: store\nduration: 200ms\nseed: 5\nhost: {housekeeping: false}\n"
                + "kernels:\n  - {name: store, type: storage, cores: [0], idle: busy-spin, settings: {dir: '"
                + dir.resolve("data") + "'}}\n"
                + "workload:\n  - name: pack\n    stream: {rate: 1k/s}\n"
                + "    stages: [{kernel: store, op: compress, size: 4KiB}]\n");
        Path calibration = write("cal.yaml", "work:\n  storage.compress: {base: 100us, perKiB: 25us}\n");
        XkConsole xk = new XkConsole(true);
        assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--calibration", calibration.toString(),
                "--json-report", dir.resolve("store.json").toString())).as(xk.err()).isZero();
        JsonNode report = JSON.readTree(dir.resolve("store.json").toFile());
        JsonNode latency = workload(report, "pack").path("stageLatencies").get(0).path("latencyNanos");
        // 100us + 4 x 25us and the duty cycle's own calibrated cost, within the histogram's three significant digits;
        // most requests find the kernel free (Poisson arrivals at 1k/s, 20% busy).
        assertThat(latency.path("min").asLong()).isBetween(199_000L, 201_500L);
        assertThat(latency.path("p50").asLong()).isBetween(199_000L, 201_500L);
        assertThat(report.path("simulation").path("workCosts").toString())
                .contains("storage.compress 100us + 25us/KiB").contains("storage.put ");

        Path bad = write("bad.yaml", "dutyCycle: 50ns\nwork:\n  storage.frobnicate: 1us\n");
        assertThat(xk.run("run", scenario.toString(), "--sim", "--calibration", bad.toString())).isEqualTo(2);
        assertThat(xk.err()).contains("bad.yaml:3:3").contains("storage.frobnicate").contains("storage.compress");
    }

    /** A parked worker sees a message at the end of its park; a spinning one when it arrives. */
    @Test
    void anIdleWorkerSeesWorkWhenItsIdleStrategyLooks() throws IOException {
        Path calibration = write("idle.yaml", "idle: {parkOvershoot: 50us}\n");
        long[] p50 = new long[2];
        String[] strategies = {"park", "busy-spin"};
        for (int i = 0; i < 2; i++) {
            Path scenario = write("idle-" + strategies[i] + ".yaml", "name: idle\nduration: 500ms\nseed: 9\n"
                    + "host: {housekeeping: false}\nkernels:\n  - {name: a, type: general, cores: [0], idle: busy-spin}\n"
                    + "  - {name: b, type: general, cores: [1], idle: " + strategies[i] + "}\n"
                    + "workload:\n  - name: w\n    stream: {rate: 1k/s, arrival: poisson}\n"
                    + "    stages: [{kernel: a, cost: 1us}, {kernel: b, cost: 10us}]\n");
            XkConsole xk = new XkConsole(true);
            Path json = dir.resolve("idle-" + strategies[i] + ".json");
            assertThat(xk.run("run", scenario.toString(), "--sim", "--quiet", "--calibration",
                    calibration.toString(), "--json-report", json.toString())).as(xk.err()).isZero();
            JsonNode stage = workload(JSON.readTree(json.toFile()), "w").path("stageLatencies").get(1)
                    .path("latencyNanos");
            p50[i] = stage.path("p50").asLong();
            if (i == 0) {
                // Parks of 100us + 50us: a message waits up to one park (and behind another now and then).
                assertThat(stage.path("max").asLong()).isLessThanOrEqualTo(150_000L + 25_000L);
            }
        }
        // Parked: on average half a park of 150us; spinning: the stage's 10us after the hop.
        assertThat(p50[0]).isBetween(50_000L, 110_000L);
        assertThat(p50[1]).isBetween(10_000L, 12_000L);
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
